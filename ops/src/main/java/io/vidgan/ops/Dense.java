package io.vidgan.ops;

import static com.google.common.base.Preconditions.checkArgument;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/** A fully connected layer {@code x W (+ b)}: {@code kernel [in, out]}, optional {@code bias}. */
public final class Dense {
  private final String name;
  private final int in;
  private final Operand<TFloat32> kernel;
  private final Operand<TFloat32> bias;
  private final Precision precision;

  public Dense(LayerFactory parent, String name, int in, int out, boolean withBias) {
    LayerFactory.checkPositive("in", in);
    LayerFactory.checkPositive("out", out);
    LayerFactory f = parent.child(name);
    this.name = name;
    this.in = in;
    this.kernel = f.kernel(Shape.of(in, out));
    this.bias = withBias ? f.bias(out) : null;
    this.precision = f.precision();
  }

  /**
   * @param x {@code [N, in]}
   * @return {@code [N, out]}
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    checkArgument(x.shape().numDimensions() == 2 && x.shape().get(1) == in,
        "%s expects [N, %s], got %s", name, in, x.shape());
    Ops t = tf.withSubScope(name);
    Operand<TFloat32> y = precision.product(t, Dense::multiply, x, kernel);
    return bias == null ? y : t.math.add(y, bias);
  }

  private static <T extends TFloating> Operand<T> multiply(Ops tf, Operand<T> x, Operand<T> w) {
    return tf.linalg.matMul(x, w);
  }
}
