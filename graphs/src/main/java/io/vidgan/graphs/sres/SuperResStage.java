package io.vidgan.graphs.sres;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.graphs.MatchingDiscriminator;
import io.vidgan.graphs.SpatialDiscriminator;
import io.vidgan.graphs.Stage;
import io.vidgan.graphs.StageBelow;
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
import org.tensorflow.types.TInt32;

/**
 * A super-resolution stage trained on windows (HVG §3.2 "partial view training"): G upsamples a
 * low-res window; D_S and D_T judge the result as in stage 1, and D_M judges the fake pair (low-res
 * window, result) against the real pair (low-res view of a real window, real window).
 *
 * <p>The fake pairs' low-res windows ({@value #FAKE_LOW_RES}) are samples of the frozen stage
 * below ({@link StageBelow}; SSW-GAN eq. 3, HVG §2), which the tower's inputs carry with the classes
 * they were made for ({@link TowerInputs#below}); G then upsamples them for those classes, and D_S,
 * D_T and D_M judge the fake side with them ({@value #FAKE_LABELS}). Without a stage below they
 * are the real pairs' low-res views, with the real labels: the {@code --condition=real} ablation,
 * where D_M never judges a sample of the stage below.
 */
public final class SuperResStage extends Stage {
  /** The fake pairs' low-res windows {@code [b, T', H', W', 3]}, under the tower's stage scope. */
  public static final String FAKE_LOW_RES = "fake_low_res";
  /** The real pairs' low-res views, likewise. */
  public static final String REAL_LOW_RES = "real_low_res";
  /** The fake pairs' classes {@code [b]} (conditional stages), likewise. */
  public static final String FAKE_LABELS = "fake_labels";

  private final SuperResGenerator generator;
  private final SpatialDiscriminator spatial;
  private final TemporalDiscriminator temporal;
  private final MatchingDiscriminator matching;

  public SuperResStage(Ops root, StageConfig config, BuildMode mode, Precision precision) {
    super(root, config, mode, precision);
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
    StageBelow.Sample below = in.below();
    Operand<TFloat32> lowFake = t.withName(FAKE_LOW_RES).identity(below == null ? in.lowRes()
        : below.windows());
    Operand<TInt32> fakeLabels = below == null ? in.labels() : below.labels();
    if (fakeLabels != null) {
      fakeLabels = t.withName(FAKE_LABELS).identity(fakeLabels);
    }
    Operand<TFloat32> fake = generator.apply(t, lowFake, latent(t, in), fakeLabels);
    StageLoss.Scores real = videoScores(t, in, spatial, temporal, in.real(), in.labels(),
        Side.REAL);
    StageLoss.Scores generated = videoScores(t, in, spatial, temporal, fake, fakeLabels,
        Side.FAKE);
    if (matching != null) {
      real = real.plus(matching.apply(t, t.withName(REAL_LOW_RES).identity(in.lowRes()),
          in.real(), in.labels()));
      generated = generated.plus(matching.apply(t, lowFake, fake, fakeLabels));
    }
    return losses(t, fake, real, generated);
  }
}
