package io.vidgan.replicas;

import io.vidgan.cli.Flag;
import io.vidgan.cli.FlagSet;
import io.vidgan.cli.Flags;
import io.vidgan.cli.UsageException;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.replicas.config.TrainerConfig;
import io.vidgan.replicas.config.TrainerConfig.Condition;
import java.io.IOException;

/**
 * {@code --below} and {@code --condition}: what a super-resolution stage's fake pairs are
 * conditioned on. The paper setting (SSW-GAN eq. 3, HVG §2) is samples of the trained stage below
 * ({@code --below}); {@code --condition=real} is the ablation on real low-res views. A
 * super-resolution run needs one of them, a first stage neither.
 */
final class ConditionFlags {
  static final Flag<String> BELOW = Flag.text("below", "DIR[,DIR...]", "sres: the trained "
      + "stages below, first stage first (run directories, or a model from bin/export-savedmodel "
      + "holding them); fake pairs condition on windows of the videos they generate (SSW-GAN eq. "
      + "3), and the samples upsample them");
  static final Flag<String> CONDITION = Flag.choice("condition", "below|real", "sres: 'real' "
      + "conditions fake pairs on the real low-res views instead, an ablation in which D_M never "
      + "judges a stage-below sample; 'below' (the paper setting) needs --below, which implies "
      + "it", "below", "real");

  private ConditionFlags() {}

  static void declare(FlagSet flags) {
    flags.add(BELOW, CONDITION);
  }

  /**
   * Sets the condition of a new run and returns its stage below (null without one).
   *
   * @throws UsageException naming the flags when they do not fit the stage
   */
  static StageBelowChain fresh(Flags flags, StageConfig config, TrainerConfig.Builder run)
      throws IOException {
    if (!superRes(flags, config)) {
      return null;
    }
    String condition = flags.has(CONDITION) ? flags.get(CONDITION) : null;
    if ("real".equals(condition)) {
      if (flags.has(BELOW)) {
        throw new UsageException("--" + BELOW.name() + " and --" + CONDITION.name()
            + "=real exclude each other: real conditioning uses no stage below");
      }
      run.setCondition(Condition.REAL);
      return null;
    }
    if (!flags.has(BELOW)) {
      throw new UsageException("--stage=sres needs --" + BELOW.name() + "=RUN_DIR (the trained "
          + "stage below, whose samples the fake pairs condition on) or --" + CONDITION.name()
          + "=real (the ablation on real low-res views)");
    }
    StageBelowChain below = StageBelowChain.resolve(flags.get(BELOW), config);
    run.setCondition(Condition.BELOW).addAllBelow(below.checkpoints());
    return below;
  }

  /**
   * The stage below of a resumed run (null without one): the one it recorded, unchanged on disk;
   * a {@code --condition} or {@code --below} given again must equal the recorded one.
   *
   * @throws UsageException naming both when they differ
   */
  static StageBelowChain resume(Flags flags, StageConfig config, TrainerConfig run)
      throws IOException {
    if (!superRes(flags, config)) {
      return null;
    }
    if (flags.has(CONDITION)) {
      String asked = flags.get(CONDITION);
      String saved = run.getCondition() == Condition.BELOW ? "below" : "real";
      if (!asked.equals(saved)) {
        throw new UsageException("--" + CONDITION.name() + "=" + asked + " differs from the "
            + "run's condition " + saved + "; a resumed run trains with the settings it was "
            + "started with");
      }
    }
    if (run.getCondition() != Condition.BELOW) {
      if (flags.has(BELOW)) {
        throw new UsageException("--" + BELOW.name() + ": this run conditions its fake pairs on "
            + "real low-res views (--" + CONDITION.name() + "=real, or a run from before --"
            + BELOW.name() + "); start a new run to train on a stage below");
      }
      return null;
    }
    StageBelowChain below = StageBelowChain.recorded(run.getBelowList(), config);
    if (flags.has(BELOW)) {
      StageBelowChain.resolve(flags.get(BELOW), config).checkSameAs(run.getBelowList());
    }
    return below;
  }

  /** Whether {@code config} is a super-resolution stage; a first stage refuses both flags. */
  private static boolean superRes(Flags flags, StageConfig config) {
    if (config.getKind() == StageConfig.Kind.SUPER_RES) {
      return true;
    }
    if (flags.has(BELOW) || flags.has(CONDITION)) {
      throw new UsageException("--" + BELOW.name() + " and --" + CONDITION.name() + " apply to "
          + "--stage=sres only");
    }
    return false;
  }
}
