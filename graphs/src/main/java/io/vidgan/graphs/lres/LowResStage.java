package io.vidgan.graphs.lres;

import io.vidgan.graphs.SpatialDiscriminator;
import io.vidgan.graphs.Stage;
import io.vidgan.graphs.StageLoss;
import io.vidgan.graphs.TemporalDiscriminator;
import io.vidgan.graphs.Tower;
import io.vidgan.graphs.TowerInputs;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.BuildMode;
import io.vidgan.ops.Precision;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The first stage: G makes whole low-res clips, D_S and D_T judge them (DVD-GAN §3; HVG level 1).
 * Fake videos take the labels of the real batch, so the class prior matches the data.
 */
public final class LowResStage extends Stage {
  private final LowResGenerator generator;
  private final SpatialDiscriminator spatial;
  private final TemporalDiscriminator temporal;

  public LowResStage(Ops root, StageConfig config, BuildMode mode, Precision precision) {
    super(root, config, mode, precision);
    this.generator = new LowResGenerator(layers(), config);
    this.spatial = new SpatialDiscriminator(layers(), config);
    this.temporal = new TemporalDiscriminator(layers(), config);
  }

  public LowResGenerator generator() {
    return generator;
  }

  @Override
  public Tower tower(Ops tf, TowerInputs in) {
    Ops t = tf.withSubScope(name());
    Operand<TFloat32> fake = generator.apply(t, latent(t, in), in.labels(),
        config().getVideo().getFrames());
    StageLoss.Scores real = videoScores(t, in, spatial, temporal, in.real(), in.labels(),
        Side.REAL);
    StageLoss.Scores generated = videoScores(t, in, spatial, temporal, fake, in.labels(),
        Side.FAKE);
    return losses(t, fake, real, generated);
  }
}
