package io.vidgan.graphs;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.ops.Resample;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * What one tower reads: its slice of the real batch (the batches of the replicas it computes, in
 * order), and the per-run seed shared by all towers.
 *
 * <p>Noise and random frame choices are drawn for the whole global batch from {@code seed}
 * (stateless), and each tower takes its own rows: {@code [replica * b, (replica + 1) * b)}. A
 * run is therefore a function of the seed and the data only, identical for any number of replicas
 * and towers, and exactly reproducible on resume.
 *
 * @param real {@code [b, T, H, W, 3]} real videos in [-1, 1] (static batch {@code b})
 * @param labels {@code [b]} class ids, or null for unconditional stages
 * @param lowRes {@code [b, T', H', W', 3]} the low-res view of {@code real} (super-resolution
 *     stages), or null
 * @param seed {@code [2]} the seed of this run
 * @param replica index of this tower (equal-sized towers)
 * @param replicas number of towers
 * @param below a super-resolution tower's samples of the frozen stages below, which its fake pairs
 *     condition on ({@link StageBelow}), or null to condition them on {@code lowRes}
 */
public record TowerInputs(Operand<TFloat32> real, Operand<TInt32> labels, Operand<TFloat32> lowRes,
    Operand<TInt64> seed, int replica, int replicas, StageBelow.Sample below) {
  public TowerInputs {
    Resample.checkVideo(real);
    checkArgument(real.shape().get(0) > 0, "the tower batch must be static, got %s",
        real.shape());
    checkArgument(replica >= 0 && replica < replicas, "replica %s of %s", replica, replicas);
  }

  /** A tower without a stage below. */
  public TowerInputs(Operand<TFloat32> real, Operand<TInt32> labels, Operand<TFloat32> lowRes,
      Operand<TInt64> seed, int replica, int replicas) {
    this(real, labels, lowRes, seed, replica, replicas, null);
  }

  /** The tower's random draws: the run's seed and the tower's rows. */
  public TowerDraws draws() {
    return new TowerDraws(seed, replica, replicas, batch());
  }

  /** The per-replica batch {@code b}. */
  public int batch() {
    return (int) real.shape().get(0);
  }

  /** The global batch {@code b x replicas}. */
  public int globalBatch() {
    return batch() * replicas;
  }
}
