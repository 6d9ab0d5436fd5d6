package io.vidgan.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** The name contract of layer variables: scope paths, leaves, and which leaves are trained. */
class VariablesTest {
  private static List<String> names(List<Output<TFloat32>> vars) {
    return vars.stream().map(v -> v.op().name()).sorted().collect(Collectors.toList());
  }

  @Test
  void blockVariablesFollowTheNameContract() {
    try (Graph g = new Graph()) {
      Ops tf = Scopes.root(g);
      LayerFactory f = new LayerFactory(tf.withSubScope("lres").withSubScope("generator"),
          BuildMode.train(), 1L, true);
      new GeneratorBlock(f, "gblock_0",
          new BlockSpec(2, 3, ConvFactory.FRAME_2D, SpatialResample.UP), 4, 2);
      String p = "lres/generator/gblock_0/";
      assertEquals(List.of(p + "cbn_0/bias/kernel", p + "cbn_0/gain/kernel",
          p + "cbn_1/bias/kernel", p + "cbn_1/gain/kernel",
          p + "conv_0/bias", p + "conv_0/kernel", p + "conv_1/bias", p + "conv_1/kernel",
          p + "conv_sc/bias", p + "conv_sc/kernel"),
          names(Variables.under(g, "lres/generator", true)));
      List<String> all = names(Variables.under(g, "lres", false));
      assertEquals(true, all.contains(p + "cbn_0/moving_mean"));
      assertEquals(true, all.contains(p + "conv_1/sn/u"));
      assertEquals(true, all.contains(p + "cbn_1/gain/sn/u"));
      assertEquals(10 + 4 + 7, all.size(), "trainable + moving stats + u of 7 kernels");
    }
  }
}
