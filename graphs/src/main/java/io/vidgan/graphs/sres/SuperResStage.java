package io.vidgan.graphs.sres;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.graphs.MatchingDiscriminator;
import io.vidgan.graphs.SpatialDiscriminator;
import io.vidgan.graphs.Stage;
import io.vidgan.graphs.StageLoss;
import io.vidgan.graphs.TemporalDiscriminator;
import io.vidgan.graphs.Tower;
import io.vidgan.graphs.TowerInputs;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.BuildMode;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A super-resolution stage trained on windows (HVG §3.2 "partial view training"): G upsamples the
 * low-res view of a real window; D_S and D_T judge the result as in stage 1, and D_M judges the
 * pair (low-res window, result) against (low-res window, real window).
 */
public final class SuperResStage extends Stage {
  private final SuperResGenerator generator;
  private final SpatialDiscriminator spatial;
  private final TemporalDiscriminator temporal;
  private final MatchingDiscriminator matching;

  public SuperResStage(Ops root, StageConfig config, BuildMode mode) {
    super(root, config, mode);
    this.generator = new SuperResGenerator(layers(), config);
    this.spatial = new SpatialDiscriminator(layers(), config);
    this.temporal = new TemporalDiscriminator(layers(), config);
    this.matching = config.getDiscriminator().getMatching()
        ? new MatchingDiscriminator(layers(), config) : null;
  }

  public SuperResGenerator generator() {
    return generator;
  }

  @Override
  public Tower tower(Ops tf, TowerInputs in) {
    checkArgument(in.lowRes() != null, "a super-resolution tower needs the low-res view");
    Ops t = tf.withSubScope(name());
    Operand<TFloat32> fake = generator.apply(t, in.lowRes(), latent(t, in), in.labels());
    StageLoss.Scores real = videoScores(t, in, spatial, temporal, in.real(), Side.REAL);
    StageLoss.Scores generated = videoScores(t, in, spatial, temporal, fake, Side.FAKE);
    if (matching != null) {
      real = real.plus(matching.apply(t, in.lowRes(), in.real(), in.labels()));
      generated = generated.plus(matching.apply(t, in.lowRes(), fake, in.labels()));
    }
    return losses(t, fake, real, generated);
  }
}
