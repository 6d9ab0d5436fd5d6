package io.vidgan.graphs;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.TopK;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Stateless randomness for a tower: drawn for the global batch from the run's seed, then sliced to
 * the replica's rows (see {@link TowerDraws}). Each use has its own salt so draws never coincide.
 */
final class BatchRandom {
  /** Salts of the draws a stage makes. */
  enum Salt {
    LATENT,
    REAL_FRAMES,
    FAKE_FRAMES,
    BELOW_LATENT,
    BELOW_WINDOW,
    BELOW_LABELS
  }

  private BatchRandom() {}

  /** {@code z ~ N(0, I)}: {@code [b, dim]}. */
  static Operand<TFloat32> normal(Ops tf, TowerDraws in, Salt salt, int dim) {
    return normal(tf, in, salt, 0, dim);
  }

  /** {@code z ~ N(0, I)} of draw {@code stream} of a salt used more than once: {@code [b, dim]}. */
  static Operand<TFloat32> normal(Ops tf, TowerDraws in, Salt salt, int stream, int dim) {
    Operand<TFloat32> all = tf.random.statelessRandomNormal(
        tf.constant(new long[] {in.globalBatch(), dim}), seed(tf, in, salt, stream));
    return rows(tf, in, all);
  }

  /** One integer per video, uniformly at random in {@code [0, n)}: {@code [b]}. */
  static Operand<TInt32> index(Ops tf, TowerDraws in, Salt salt, int stream, int n) {
    Operand<TFloat32> u = tf.random.statelessRandomUniform(
        tf.constant(new long[] {in.globalBatch(), 1}), seed(tf, in, salt, stream));
    Operand<TInt32> scaled = tf.dtypes.cast(tf.math.floor(tf.math.mul(rows(tf, in, u),
        tf.constant((float) n))), TInt32.class);
    return tf.reshape(tf.math.minimum(scaled, tf.constant(n - 1)), tf.constant(new int[] {-1}));
  }

  /**
   * {@code k} distinct frame indices in {@code [0, frames)} per video, uniformly at random:
   * {@code [b, k]}.
   */
  static Operand<TInt32> frames(Ops tf, TowerDraws in, Salt salt, int frames, int k) {
    Operand<TFloat32> keys = tf.random.statelessRandomUniform(
        tf.constant(new long[] {in.globalBatch(), frames}), seed(tf, in, salt, 0));
    TopK<TFloat32, TInt32> top = tf.nn.topK(rows(tf, in, keys), tf.constant(k), new TopK.Options[0]);
    return top.indices();
  }

  private static Operand<TInt64> seed(Ops tf, TowerDraws in, Salt salt, int stream) {
    return tf.math.add(in.seed(), tf.constant(new long[] {0x9E3779B97F4A7C15L * (salt.ordinal() + 1),
        stream}));
  }

  private static <T extends org.tensorflow.types.family.TType> Operand<T> rows(Ops tf,
      TowerDraws in, Operand<T> all) {
    return tf.slice(all, tf.constant(new int[] {in.tower() * in.batch(), 0}),
        tf.constant(new int[] {in.batch(), -1}));
  }
}
