package io.vidgan.ops;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.Conv2d.Options;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * A per-frame 2-D convolution of a video: frames are folded into the batch, convolved with {@code
 * kernel [k, k, C_in, C_out]} (stride 1, SAME) and {@code bias} is added.
 *
 * <p>Biases of trained convolutions are added with {@code Add}, not {@code BiasAdd}: with several
 * logical CPU devices (data-parallel replicas), TF 2.18's oneDNN graph rewrite of the backward pass
 * of {@code Conv2D + BiasAdd} never completes ("Timed out waiting for notification"; fine with
 * {@code TF_ENABLE_ONEDNN_OPTS=0}). Reproduced with one such layer on two devices; see also {@link
 * Conv3d}.
 */
public final class Conv2d implements VideoLayer {
  private static final List<Long> UNIT_STRIDES = List.of(1L, 1L, 1L, 1L);

  private final String name;
  private final int in;
  private final Operand<TFloat32> kernel;
  private final Operand<TFloat32> bias;
  private final Precision precision;

  public Conv2d(LayerFactory parent, String name, int in, int out, int k) {
    LayerFactory.checkPositive("in channels", in);
    LayerFactory.checkPositive("out channels", out);
    checkArgument(k % 2 == 1, "kernel size must be odd, got %s", k);
    LayerFactory f = parent.child(name);
    this.name = name;
    this.in = in;
    this.kernel = f.kernel(Shape.of(k, k, in, out));
    this.bias = f.bias(out);
    this.precision = f.precision();
  }

  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    Shape s = Resample.checkFrames(x);
    checkArgument(s.get(4) == in, "%s expects %s channels, got %s", name, in, s);
    Ops t = tf.withSubScope(name);
    Operand<TFloat32> y = precision.product(t, Conv2d::convolve, Resample.foldFrames(t, x),
        kernel);
    return Resample.unfoldFrames(t, t.math.add(y, bias), x);
  }

  /** A 3x3 (or k x k) SAME convolution of {@code [N, H, W, C_in]} images. */
  static <T extends TFloating> Operand<T> convolve(Ops tf, Operand<T> x, Operand<T> w) {
    return tf.nn.conv2d(x, w, UNIT_STRIDES, "SAME", new Options[0]);
  }
}
