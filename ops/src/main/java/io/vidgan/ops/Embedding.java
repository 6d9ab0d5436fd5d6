package io.vidgan.ops;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A learned class embedding {@code e(y)}: row {@code y} of {@code kernel [classes, dim]}, spectrally
 * normalised like every other weight (BigGAN's {@code SNEmbedding}).
 */
public final class Embedding {
  private final String name;
  private final Operand<TFloat32> kernel;

  public Embedding(LayerFactory parent, String name, int classes, int dim) {
    LayerFactory.checkPositive("classes", classes);
    LayerFactory.checkPositive("dim", dim);
    this.name = name;
    this.kernel = parent.child(name).kernel(Shape.of(classes, dim));
  }

  /**
   * @param labels {@code [N]} class ids in {@code [0, classes)}
   * @return {@code [N, dim]}
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TInt32> labels) {
    Ops t = tf.withSubScope(name);
    return t.gather(kernel, labels, t.constant(0));
  }
}
