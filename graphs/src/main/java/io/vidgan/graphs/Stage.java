package io.vidgan.graphs;

import io.vidgan.graphs.config.DiscriminatorConfig.ScoreReduction;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.BuildMode;
import io.vidgan.ops.GanLosses.DiscriminatorLoss;
import io.vidgan.ops.LayerFactory;
import io.vidgan.ops.Precision;
import io.vidgan.ops.Variables;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One stage of a stage-wise video GAN: its generator and discriminators, under the stage's scope
 * ({@code lres/generator}, {@code lres/discriminator_spatial}, ...).
 *
 * <p>A stage builds one {@link Tower} per replica; {@link StageTraining} turns the towers into
 * train ops. It owns no loop, no I/O and no devices. Its networks are built once for one {@link
 * BuildMode}; inference graphs are separate graphs restored from checkpoints.
 */
public abstract class Stage {
  private final StageConfig config;
  private final Ops tf;
  private final LayerFactory layers;

  /** @param precision what the networks' convolutions and matrix products compute in */
  protected Stage(Ops root, StageConfig config, BuildMode mode, Precision precision) {
    this.config = config;
    this.tf = root.withSubScope(config.getName());
    this.layers = new LayerFactory(tf, mode, config.getSeed(), config.getSpectralNorm())
        .withPrecision(precision);
  }

  public final StageConfig config() {
    return config;
  }

  /** The stage's scope, e.g. {@code lres}. */
  public final String name() {
    return config.getName();
  }

  /** Factory for the stage's networks, scoped under the stage. */
  protected final LayerFactory layers() {
    return layers;
  }

  /** Adds one replica's forward pass and losses, with ops under {@code tf}. */
  public abstract Tower tower(Ops tf, TowerInputs in);

  /** The trainable variables of G, in graph order. */
  public final List<Output<TFloat32>> generatorVariables(Graph g) {
    return Variables.under(g, name() + "/" + Generator.SCOPE, true);
  }

  /** The trainable variables of all discriminators, in graph order. */
  public final List<Output<TFloat32>> discriminatorVariables(Graph g) {
    List<Output<TFloat32>> vars = new ArrayList<>();
    for (Output<TFloat32> v : Variables.under(g, name(), true)) {
      if (v.op().name().startsWith(name() + "/discriminator_")) {
        vars.add(v);
      }
    }
    return vars;
  }

  /** Which videos a discriminator is scoring; each side draws its own random frames. */
  protected enum Side {
    REAL,
    FAKE
  }

  /** Scores D_S and D_T give a video of class {@code labels} (null for unconditional stages). */
  protected final StageLoss.Scores videoScores(Ops tf, TowerInputs in,
      SpatialDiscriminator spatial, TemporalDiscriminator temporal, Operand<TFloat32> video,
      Operand<TInt32> labels, Side side) {
    int frames = config.getVideo().getFrames();
    BatchRandom.Salt salt = side == Side.REAL ? BatchRandom.Salt.REAL_FRAMES
        : BatchRandom.Salt.FAKE_FRAMES;
    Operand<TInt32> picked = BatchRandom.frames(tf, in.draws(), salt, frames,
        SpatialDiscriminator.framesScored(config, frames));
    return new StageLoss.Scores(spatial.apply(tf, video, picked, labels),
        List.of(temporal.apply(tf, video, labels)));
  }

  /** The noise of this tower's fake videos, {@code [b, latent]}. */
  protected final Operand<TFloat32> latent(Ops tf, TowerInputs in) {
    return BatchRandom.normal(tf, in.draws(), BatchRandom.Salt.LATENT, config.getLatentDim());
  }

  /** Both hinge losses and the mean scores of real and fake videos ({@link StageLoss}). */
  protected final Tower losses(Ops tf, Operand<TFloat32> fake, StageLoss.Scores real,
      StageLoss.Scores generated) {
    ScoreReduction reduction = config.getDiscriminator().getScoreReduction();
    DiscriminatorLoss d = StageLoss.discriminator(tf, reduction, real, generated);
    return new Tower(fake, d, StageLoss.generator(tf, reduction, generated),
        StageLoss.meanScore(tf, reduction, real), StageLoss.meanScore(tf, reduction, generated));
  }
}
