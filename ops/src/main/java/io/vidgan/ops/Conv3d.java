package io.vidgan.ops;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.Conv3d.Options;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * A 3-D convolution of a video with {@code kernel [kt, kh, kw, C_in, C_out]} (stride 1, SAME) plus
 * {@code bias}. Its gradient comes from {@link io.vidgan.ops.grad.Conv3dGradient}.
 *
 * <p>The bias is added with {@code Add}, not {@code BiasAdd}: TF 2.18's grappler remapper fuses
 * {@code Conv3D + BiasAdd + Add} even when the {@code Add} feeds a second consumer (a residual
 * block's shortcut), fails half-way ("Mutation::Apply error: fanout ... exist for missing node"),
 * and with several CPU devices the run then never finishes. Reproduced with two 3-D residual blocks
 * on two logical CPUs; fixed by this change alone.
 */
public final class Conv3d implements VideoLayer {
  private static final List<Long> UNIT_STRIDES = List.of(1L, 1L, 1L, 1L, 1L);

  private final String name;
  private final int in;
  private final int radius;
  private final Operand<TFloat32> kernel;
  private final Operand<TFloat32> bias;
  private final Precision precision;

  /**
   * @param kt temporal kernel size (odd)
   * @param k spatial kernel size (odd); 1 makes a purely temporal convolution
   */
  public Conv3d(LayerFactory parent, String name, int in, int out, int kt, int k) {
    LayerFactory.checkPositive("in channels", in);
    LayerFactory.checkPositive("out channels", out);
    checkArgument(kt % 2 == 1 && k % 2 == 1, "kernel sizes must be odd, got %s, %s", kt, k);
    io.vidgan.ops.grad.CustomGradients.register();
    LayerFactory f = parent.child(name);
    this.name = name;
    this.in = in;
    this.radius = (kt - 1) / 2;
    this.kernel = f.kernel(Shape.of(kt, k, k, in, out));
    this.bias = f.bias(out);
    this.precision = f.precision();
  }

  @Override
  public int temporalRadius() {
    return radius;
  }

  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    Shape s = Resample.checkFrames(x);
    checkArgument(s.get(4) == in, "%s expects %s channels, got %s", name, in, s);
    Ops t = tf.withSubScope(name);
    return t.math.add(precision.product(t, Conv3d::convolve, x, kernel), bias);
  }

  private static <T extends TFloating> Operand<T> convolve(Ops tf, Operand<T> x, Operand<T> w) {
    return tf.nn.conv3d(x, w, UNIT_STRIDES, "SAME", new Options[0]);
  }
}
