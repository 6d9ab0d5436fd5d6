package io.vidgan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConvolutionPassTest {
  @Test
  void graphAndExecutedOpTypesFallInTheSamePass() {
    for (String t : List.of("Conv2D", "Conv3D", "_MklNativeConv2D", "_MklNativeFusedConv2D",
        "_MklNativeFusedConv3D")) {
      assertEquals(Optional.of(ConvolutionPass.FORWARD), ConvolutionPass.of(t), t);
    }
    for (String t : List.of("Conv2DBackpropInput", "Conv3DBackpropInputV2",
        "_MklNativeConv2DBackpropInput", "_MklNativeConv3DBackpropInputV2")) {
      assertEquals(Optional.of(ConvolutionPass.BACKWARD_INPUT), ConvolutionPass.of(t), t);
    }
    for (String t : List.of("Conv2DBackpropFilter", "Conv3DBackpropFilterV2",
        "_MklNativeConv2DBackpropFilter", "_MklNativeConv3DBackpropFilterV2")) {
      assertEquals(Optional.of(ConvolutionPass.BACKWARD_FILTER), ConvolutionPass.of(t), t);
    }
    for (String t : List.of("MatMul", "_MklMatMul", "Sum", "AvgPool3DGrad")) {
      assertTrue(ConvolutionPass.of(t).isEmpty(), t);
    }
  }

  @Test
  void eachPassDividesItsFlopsByItsKernelTime() {
    Map<ConvolutionPass, ConvolutionPass.Rate> rates = ConvolutionPass.rates(
        Map.of("Conv2D", 3_000_000L, "Conv3D", 1_000_000L, "Conv2DBackpropFilter", 500_000L,
            "MatMul", 7_000_000L),
        List.of(new StepProfile.OpTime("_MklNativeConv2D", 1_000, 4),
            new StepProfile.OpTime("_MklNativeFusedConv3D", 1_000, 1),
            new StepProfile.OpTime("_MklNativeConv2DBackpropFilter", 250, 2),
            new StepProfile.OpTime("_MklMatMul", 9_000, 1)));
    assertEquals(new ConvolutionPass.Rate(4_000_000L, 2_000), rates.get(ConvolutionPass.FORWARD));
    assertEquals(2e9, rates.get(ConvolutionPass.FORWARD).flopsPerSecond(), 1e-3);
    assertEquals(2e9, rates.get(ConvolutionPass.BACKWARD_FILTER).flopsPerSecond(), 1e-3);
    assertEquals(2, rates.size());
  }

  @Test
  void aPassWithoutKernelTimeHasNoRate() {
    assertTrue(Double.isNaN(new ConvolutionPass.Rate(10, 0).flopsPerSecond()));
  }
}
