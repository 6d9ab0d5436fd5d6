package io.vidgan.ops;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat32;

/** {@link Precision#product} in bf16 against float32, for even and odd input channels. */
class PrecisionTest {
  /**
   * A bf16 3x3 convolution of bf16-exact inputs rounds only its result (oneDNN and TF's Eigen
   * kernels accumulate in float32): every output is within {@code 2u} of the sum of its terms'
   * magnitudes ({@code u = 2^-8}; the second {@code u} covers float32 accumulation, far smaller).
   * Odd channel counts are computed in float32 (see {@link Precision#product}); this fails on a
   * CPU whose bf16 kernels get them wrong if they are not.
   */
  @ParameterizedTest
  @ValueSource(ints = {3, 4, 5, 16})
  void bf16ConvolutionIsWithinRoundingForAnyInputChannels(int channels) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> x = bf16Exact(tf, Shape.of(8, 16, 16, channels), 1);
      Operand<TFloat32> w = bf16Exact(tf, Shape.of(3, 3, channels, 8), 2);
      Operand<TFloat32> bf16 = Precision.BF16.product(tf, Conv2d::convolve, x, w);
      Operand<TFloat32> fp32 = Precision.FP32.product(tf, Conv2d::convolve, x, w);
      Operand<TFloat32> magnitude = Conv2d.convolve(tf, tf.math.abs(x), tf.math.abs(w));
      double u = Math.scalb(1.0, -Precision.BF16.significandBits());
      Operand<TFloat32> excess = tf.max(tf.math.sub(tf.math.abs(tf.math.sub(bf16, fp32)),
          tf.math.mul(tf.constant((float) (2 * u)), magnitude)), tf.constant(new int[] {0, 1, 2,
              3}));
      try (Result r = s.runner().fetch(excess).run()) {
        float worst = ((TFloat32) r.get(0)).getFloat();
        assertTrue(worst <= 0, channels + " channels: an output exceeds 2u of its magnitude by "
            + worst);
      }
    }
  }

  /** Standard normal values rounded to bf16, so that only the product's rounding is compared. */
  private static Operand<TFloat32> bf16Exact(Ops tf, Shape shape, long seed) {
    Operand<TFloat32> r = tf.random.randomStandardNormal(tf.constant(shape.asArray()),
        TFloat32.class, RandomStandardNormal.seed(seed), RandomStandardNormal.seed2(seed));
    return tf.dtypes.cast(tf.dtypes.cast(r, TBfloat16.class), TFloat32.class);
  }
}
