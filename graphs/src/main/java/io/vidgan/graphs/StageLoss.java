package io.vidgan.graphs;

import io.vidgan.graphs.config.DiscriminatorConfig.ScoreReduction;
import io.vidgan.ops.GanLosses;
import io.vidgan.ops.GanLosses.DiscriminatorLoss;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.ReduceSum;
import org.tensorflow.types.TFloat32;

/**
 * A stage's hinge losses from its discriminators' scores, combined as the config's {@link
 * ScoreReduction} says: averaged over every output of every discriminator (SSW-GAN App. B.1, HVG
 * App. B.1), or DVD-GAN's D_S scoring a video by the sum of its {@code k} frames' scores (DVD-GAN
 * §3.1, App. B.2), each discriminator with its own loss.
 *
 * @see <a href="https://arxiv.org/abs/1907.06571">Clark et al., 2019, Adversarial Video Generation
 *     on Complex Datasets</a>
 */
public final class StageLoss {
  private StageLoss() {}

  /**
   * What the discriminators say about one batch of videos.
   *
   * @param spatial D_S's scores of the sampled frames, {@code [B, k]}
   * @param others the other discriminators' scores (D_T, D_M), each {@code [B, n_i]}
   */
  public record Scores(Operand<TFloat32> spatial, List<Operand<TFloat32>> others) {
    public Scores {
      others = List.copyOf(others);
    }

    /** These scores and one more discriminator's. */
    public Scores plus(Operand<TFloat32> more) {
      List<Operand<TFloat32>> all = new ArrayList<>(others);
      all.add(more);
      return new Scores(spatial, all);
    }
  }

  /** The discriminators' hinge loss on real and generated videos. */
  public static DiscriminatorLoss discriminator(Ops tf, ScoreReduction reduction, Scores real,
      Scores fake) {
    List<Operand<TFloat32>> r = outputs(tf, reduction, real);
    List<Operand<TFloat32>> f = outputs(tf, reduction, fake);
    return summed(reduction) ? GanLosses.summedHingeDiscriminatorLoss(tf, r, f)
        : GanLosses.hingeDiscriminatorLoss(tf, r, f);
  }

  /** G's hinge loss on generated videos. */
  public static Operand<TFloat32> generator(Ops tf, ScoreReduction reduction, Scores fake) {
    List<Operand<TFloat32>> f = outputs(tf, reduction, fake);
    return summed(reduction) ? GanLosses.summedHingeGeneratorLoss(tf, f)
        : GanLosses.hingeGeneratorLoss(tf, f);
  }

  /**
   * The mean of the scores the loss sees (D_S's frames summed first if so): over the batch and
   * every output of every discriminator, the quantity the hinge compares with +-1.
   */
  public static Operand<TFloat32> meanScore(Ops tf, ScoreReduction reduction, Scores s) {
    List<Operand<TFloat32>> all = outputs(tf, reduction, s);
    Operand<TFloat32> joined = all.size() == 1 ? all.get(0) : tf.concat(all, tf.constant(1));
    return tf.math.mean(joined, tf.constant(new int[] {0, 1}));
  }

  private static boolean summed(ScoreReduction reduction) {
    return reduction == ScoreReduction.SUM_SPATIAL_FRAMES;
  }

  /** The per-discriminator outputs the loss sees: D_S's frames summed to {@code [B, 1]} if so. */
  private static List<Operand<TFloat32>> outputs(Ops tf, ScoreReduction reduction, Scores s) {
    List<Operand<TFloat32>> all = new ArrayList<>();
    all.add(summed(reduction) ? tf.withSubScope("spatial_video_score").reduceSum(s.spatial(),
        tf.constant(new int[] {1}), ReduceSum.keepDims(true))
        : s.spatial());
    all.addAll(s.others());
    return all;
  }
}
