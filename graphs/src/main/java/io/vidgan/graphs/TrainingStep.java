package io.vidgan.graphs;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What one training iteration reports, declared once: every scalar its updates fetch, in the
 * order they are checked and logged. {@link StageTraining} builds them, the trainer fetches, logs,
 * summarises and checks them by walking {@link #outputs}; adding a logged quantity is one line
 * here (and, if the graph does not compute it yet, the op in {@link Tower} or a gradient norm).
 *
 * <p>The D outputs are of the iteration's last D update, averaged over its micro-batches (the
 * gradient norms are of the update applied). The mean scores are what the hinge loss compares
 * with +-1 (Lim and Ye, 2017; DVD-GAN §2.2): every output of every discriminator, D_S's frames
 * summed to a video score under {@code SUM_SPATIAL_FRAMES}; with the averaged reduction, G's
 * hinge loss is minus the fake score.
 */
public final class TrainingStep {
  public static final StepOutput LOSS_D = StepOutput.towerMean("loss/D", Update.D, "loss/D", true,
      t -> t.discriminatorLoss().total());
  public static final StepOutput LOSS_D_REAL = StepOutput.towerMean("loss/D_real", Update.D,
      "loss/D_real", false, t -> t.discriminatorLoss().real());
  public static final StepOutput LOSS_D_FAKE = StepOutput.towerMean("loss/D_fake", Update.D,
      "loss/D_fake", false, t -> t.discriminatorLoss().fake());
  public static final StepOutput GRAD_NORM_D = new StepOutput("D_adam/grad_norm", Update.D,
      "grad_norm/D", true, new StepOutput.GradientNorm(Optional.empty()));
  public static final StepOutput SCORE_REAL = StepOutput.towerMean("scores/D_real", Update.D,
      "scores/D_real", false, Tower::realScore);
  public static final StepOutput SCORE_FAKE = StepOutput.towerMean("scores/D_fake", Update.D,
      "scores/D_fake", false, Tower::fakeScore);
  public static final StepOutput LOSS_G = StepOutput.towerMean("loss/G_hinge", Update.G,
      "loss/G_hinge", true, Tower::generatorLoss);
  public static final StepOutput GRAD_NORM_G = new StepOutput("G_adam/grad_norm", Update.G,
      "grad_norm/G", true, new StepOutput.GradientNorm(Optional.empty()));
  public static final StepOutput LOSS_SCALE_D = new StepOutput("loss_scale/D", Update.D,
      "loss_scale/D", true, new StepOutput.LossScale());
  public static final StepOutput LOSS_SCALE_G = new StepOutput("loss_scale/G", Update.G,
      "loss_scale/G", true, new StepOutput.LossScale());

  private TrainingStep() {}

  /**
   * The outputs of a stage with {@code networks}: D's first, then G's. G is one network, so
   * {@code grad_norm/G} is its own; each discriminator's norm is logged beside D's. With {@code
   * lossScaled}, each update's loss scale follows its outputs.
   */
  public static List<StepOutput> outputs(List<Network> networks, boolean lossScaled) {
    List<StepOutput> all = new ArrayList<>(List.of(LOSS_D, LOSS_D_REAL, LOSS_D_FAKE, GRAD_NORM_D));
    networks.stream().filter(n -> n.update() == Update.D).map(StepOutput::gradientNorm)
        .forEach(all::add);
    all.addAll(List.of(SCORE_REAL, SCORE_FAKE));
    if (lossScaled) {
      all.add(LOSS_SCALE_D);
    }
    all.addAll(List.of(LOSS_G, GRAD_NORM_G));
    if (lossScaled) {
      all.add(LOSS_SCALE_G);
    }
    return List.copyOf(all);
  }
}
