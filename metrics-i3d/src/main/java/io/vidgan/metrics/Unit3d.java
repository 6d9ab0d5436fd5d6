package io.vidgan.metrics;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.ops.Variables;
import io.vidgan.ops.WeightInit;
import java.util.List;
import java.util.function.Consumer;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.Conv3d;
import org.tensorflow.types.TFloat32;

/**
 * I3D's basic unit: a 3-D convolution (SAME, no bias) then batch norm with stored statistics and
 * an offset but no scale, then ReLU ({@code Unit3D} of deepmind/kinetics-i3d {@code i3d.py}).
 *
 * <p>Variables, under the unit's scope: {@code conv_3d/w [k, k, k, C_in, C_out]} and {@code
 * batch_norm/{beta, moving_mean, moving_variance}}, each {@code [C_out]} or {@code [1, 1, 1, 1,
 * C_out]} as the {@link I3dLayout} says. Batch norm is Sonnet v1's {@code BatchNorm(offset=True,
 * scale=False)} at inference ({@code is_training=False, test_local_stats=False}): {@code y = x *
 * rsqrt(var + eps) + (beta - mean * rsqrt(var + eps))} with Sonnet's default {@code eps = 1e-3}
 * (not the 1e-5 of Sonnet 2, whose port {@code tf_v2/i3d.py} cannot change what the published
 * weights were trained with).
 *
 * <p>Deviation, for speed only: batch norm is folded into the convolution at run time, {@code
 * relu(conv(x, w * s) + (beta - mean * s))} with {@code s = rsqrt(var + eps)}: the same function
 * with other float rounding (about 1e-6 relative), which oneDNN runs as one fused
 * Conv3D+BiasAdd+ReLU, twice as fast on CPU. The variables keep the checkpoint's names and values.
 */
final class Unit3d {
  /** Sonnet v1 {@code snt.BatchNorm} default epsilon, used by every published I3D checkpoint. */
  static final float BATCH_NORM_EPSILON = 1e-3f;

  private final String name;
  private final int in;
  private final List<Long> strides;
  private final Operand<TFloat32> foldedKernel;
  private final Operand<TFloat32> foldedBias;

  /**
   * @param scope the scope the unit's variables are created in (its name is the unit's name)
   * @param name the unit's name, for op names and errors, e.g. {@code Conv3d_1a_7x7}
   * @param k kernel size in time, height and width
   * @param stride stride in time, height and width
   * @param registry receives every variable created
   */
  Unit3d(Ops scope, String name, I3dLayout layout, WeightInit init, int in, int out, int k,
      int stride, Consumer<Variable<TFloat32>> registry) {
    checkArgument(in > 0 && out > 0, "%s: channels must be positive, got %s -> %s", name, in, out);
    this.name = name;
    this.in = in;
    this.strides = List.of(1L, (long) stride, (long) stride, (long) stride, 1L);
    Variable<TFloat32> w = Variables.create(scope.withSubScope("conv_3d"), "w",
        Shape.of(k, k, k, in, out), init);
    Ops bn = scope.withSubScope("batch_norm");
    Shape vector = layout.fiveDimBatchNorm() ? Shape.of(1, 1, 1, 1, out) : Shape.of(out);
    Variable<TFloat32> beta = Variables.constant(bn, "beta", vector, 0f);
    Variable<TFloat32> mean = Variables.constant(bn, "moving_mean", vector, 0f);
    Variable<TFloat32> variance = Variables.constant(bn, "moving_variance", vector, 1f);
    List.of(w, beta, mean, variance).forEach(registry);
    Ops t = scope.withSubScope("folded");
    Operand<TFloat32> scale = t.reshape(t.math.rsqrt(t.math.add(variance,
        t.constant(BATCH_NORM_EPSILON))), t.constant(new long[] {out}));
    this.foldedKernel = t.math.mul(w, scale);
    this.foldedBias = t.math.sub(t.reshape(beta, t.constant(new long[] {out})),
        t.math.mul(t.reshape(mean, t.constant(new long[] {out})), scale));
  }

  /**
   * @param x {@code [B, T, H, W, C_in]}
   * @return {@code [B, ceil(T / s), ceil(H / s), ceil(W / s), C_out]}
   */
  Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    checkArgument(x.shape().numDimensions() == 5 && x.shape().get(4) == in,
        "%s expects [B, T, H, W, %s], got %s", name, in, x.shape());
    Ops t = tf.withSubScope(name);
    Operand<TFloat32> conv = t.nn.conv3d(x, foldedKernel, strides, "SAME",
        new Conv3d.Options[0]);
    return t.nn.relu(t.nn.biasAdd(conv, foldedBias));
  }
}
