package io.vidgan.bench;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The three passes of a convolution, each a kernel of its own in oneDNN (and chosen by it
 * separately: on one CPU family the forward and backward-input kernels can run at half the rate
 * of the backward-filter kernel, which a whole-step efficiency hides). Op types are matched by
 * name, so the graph's ({@code Conv2DBackpropInput}) and the executed, rewritten ones ({@code
 * _MklNativeConv2DBackpropInput}, {@code _MklNativeFusedConv3D}) fall in the same pass.
 */
enum ConvolutionPass {
  FORWARD("forward"),
  BACKWARD_INPUT("backward-input"),
  BACKWARD_FILTER("backward-filter");

  private final String label;

  ConvolutionPass(String label) {
    this.label = label;
  }

  String label() {
    return label;
  }

  /** FLOPs of a pass and the kernel time they took. */
  record Rate(long flops, long micros) {
    /** Achieved FLOP/s; NaN without kernel time. */
    double flopsPerSecond() {
      return micros == 0 ? Double.NaN : flops / (micros / 1e6);
    }
  }

  /** The pass an op type computes, or empty for anything that is not a convolution. */
  static Optional<ConvolutionPass> of(String opType) {
    if (!opType.contains("Conv2D") && !opType.contains("Conv3D")) {
      return Optional.empty();
    }
    if (opType.contains("BackpropInput")) {
      return Optional.of(BACKWARD_INPUT);
    }
    return Optional.of(opType.contains("BackpropFilter") ? BACKWARD_FILTER : FORWARD);
  }

  /**
   * Each pass's FLOPs ({@link FlopCounter}, by graph op type) against its kernel time in a trace
   * of the same runs ({@link StepProfile}, by executed op type); passes absent from both are
   * left out.
   */
  static Map<ConvolutionPass, Rate> rates(Map<String, Long> flopsByOpType,
      List<StepProfile.OpTime> executed) {
    Map<ConvolutionPass, long[]> sums = new EnumMap<>(ConvolutionPass.class);
    flopsByOpType.forEach((type, flops) -> of(type).ifPresent(
        p -> sums.computeIfAbsent(p, k -> new long[2])[0] += flops));
    for (StepProfile.OpTime t : executed) {
      of(t.type()).ifPresent(p -> sums.computeIfAbsent(p, k -> new long[2])[1] += t.micros());
    }
    Map<ConvolutionPass, Rate> rates = new EnumMap<>(ConvolutionPass.class);
    sums.forEach((p, s) -> rates.put(p, new Rate(s[0], s[1])));
    return rates;
  }
}
