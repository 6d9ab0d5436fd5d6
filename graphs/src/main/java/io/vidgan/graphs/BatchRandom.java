package io.vidgan.graphs;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.TopK;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Stateless randomness for a tower: drawn for the global batch from the run's seed, then sliced to
 * the replica's rows (see {@link TowerInputs}). Each use has its own salt so draws never coincide.
 */
final class BatchRandom {
  /** Salts of the draws a stage makes. */
  enum Salt {
    LATENT,
    REAL_FRAMES,
    FAKE_FRAMES
  }

  private BatchRandom() {}

  /** {@code z ~ N(0, I)}: {@code [b, dim]}. */
  static Operand<TFloat32> normal(Ops tf, TowerInputs in, Salt salt, int dim) {
    Operand<TFloat32> all = tf.random.statelessRandomNormal(
        tf.constant(new long[] {in.globalBatch(), dim}), seed(tf, in, salt));
    return rows(tf, in, all);
  }

  /**
   * {@code k} distinct frame indices in {@code [0, frames)} per video, uniformly at random:
   * {@code [b, k]}.
   */
  static Operand<TInt32> frames(Ops tf, TowerInputs in, Salt salt, int frames, int k) {
    Operand<TFloat32> keys = tf.random.statelessRandomUniform(
        tf.constant(new long[] {in.globalBatch(), frames}), seed(tf, in, salt));
    TopK<TFloat32, TInt32> top = tf.nn.topK(rows(tf, in, keys), tf.constant(k), new TopK.Options[0]);
    return top.indices();
  }

  private static Operand<TInt64> seed(Ops tf, TowerInputs in, Salt salt) {
    return tf.math.add(in.seed(), tf.constant(new long[] {0x9E3779B97F4A7C15L * (salt.ordinal() + 1),
        0}));
  }

  private static <T extends org.tensorflow.types.family.TType> Operand<T> rows(Ops tf,
      TowerInputs in, Operand<T> all) {
    return tf.slice(all, tf.constant(new int[] {in.replica() * in.batch(), 0}),
        tf.constant(new int[] {in.batch(), -1}));
  }
}
