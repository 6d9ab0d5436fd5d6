package io.vidgan.graphs;

import io.vidgan.ops.Dense;
import io.vidgan.ops.Embedding;
import io.vidgan.ops.LayerFactory;
import io.vidgan.ops.Resample;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The output of a discriminator: ReLU, sum over space, a linear score per frame, plus the
 * projection {@code <e(y), h>} for class-conditional models.
 *
 * <p>BigGAN's D head (global sum pooling) with projection conditioning as DVD-GAN uses it.
 *
 * @see <a href="https://arxiv.org/abs/1802.05637">Miyato & Koyama, 2018, cGANs with Projection
 *     Discriminator</a>
 */
final class ScoreHead {
  private final Dense linear;
  private final Embedding projection;

  ScoreHead(LayerFactory f, int channels, int numClasses) {
    this.linear = new Dense(f, "linear", channels, 1, true);
    this.projection = numClasses > 0 ? new Embedding(f, "embedding", numClasses, channels) : null;
  }

  /**
   * @param h features {@code [B, T, H, W, C]}
   * @param labels {@code [B]}, or null when unconditional
   * @return one score per frame, {@code [B, T]}
   */
  Operand<TFloat32> apply(Ops tf, Operand<TFloat32> h, Operand<TInt32> labels) {
    Shape s = Resample.checkVideo(h);
    long frames = s.get(1);
    long channels = s.get(4);
    Operand<TFloat32> pooled = tf.reduceSum(tf.nn.relu(h), tf.constant(new int[] {2, 3}));
    Operand<TFloat32> flat = tf.reshape(pooled, tf.constant(new long[] {-1, channels}));
    Operand<TFloat32> score = tf.reshape(linear.apply(tf, flat),
        tf.constant(new long[] {-1, frames}));
    if (projection == null) {
      return score;
    }
    Operand<TFloat32> e = tf.expandDims(projection.apply(tf, labels), tf.constant(1));
    return tf.math.add(score, tf.reduceSum(tf.math.mul(pooled, e), tf.constant(2)));
  }
}
