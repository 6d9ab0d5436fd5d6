package io.vidgan.graphs;

import io.vidgan.ops.Embedding;
import io.vidgan.ops.LayerFactory;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The generator's conditioning vector {@code [z; e(y)]}, with {@code e} a learned class embedding
 * ({@code class_embedding}); just {@code z} for unconditional models. DVD-GAN §3.1 feeds it to the
 * stem and to every conditional batch norm of G.
 */
final class Conditioning {
  private final Embedding embedding;
  private final int dim;

  Conditioning(LayerFactory f, int latentDim, int numClasses, int embeddingDim) {
    this.embedding = numClasses > 0
        ? new Embedding(f, "class_embedding", numClasses, embeddingDim) : null;
    this.dim = latentDim + (numClasses > 0 ? embeddingDim : 0);
  }

  /** Length of the vector. */
  int dim() {
    return dim;
  }

  /**
   * @param z {@code [B, latent]}
   * @param labels {@code [B]} class ids; ignored (may be null) for unconditional models
   * @return {@code [B, dim]}
   */
  Operand<TFloat32> apply(Ops tf, Operand<TFloat32> z, Operand<TInt32> labels) {
    if (embedding == null) {
      return z;
    }
    if (labels == null) {
      throw new IllegalArgumentException("a conditional generator needs labels");
    }
    return tf.concat(List.of(z, embedding.apply(tf, labels)), tf.constant(1));
  }
}
