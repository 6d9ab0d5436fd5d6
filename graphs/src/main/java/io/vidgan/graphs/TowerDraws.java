package io.vidgan.graphs;

import static com.google.common.base.Preconditions.checkArgument;

import org.tensorflow.Operand;
import org.tensorflow.types.TInt64;

/**
 * Where a tower's random draws come from: the run's seed, and which rows of the global batch are
 * the tower's ({@link BatchRandom}). A tower's inputs carry it ({@link TowerInputs#draws}); a
 * producer of stage-below samples ahead of the step builds its own, on a seed it feeds itself.
 *
 * @param seed {@code [2]} the seed of the run
 * @param tower index of the tower (equal-sized towers)
 * @param towers number of towers
 * @param batch the tower's batch {@code b}
 */
public record TowerDraws(Operand<TInt64> seed, int tower, int towers, int batch) {
  public TowerDraws {
    checkArgument(tower >= 0 && tower < towers, "tower %s of %s", tower, towers);
    checkArgument(batch > 0, "the tower batch must be positive, got %s", batch);
  }

  /** The global batch {@code b x towers}. */
  public int globalBatch() {
    return batch * towers;
  }
}
