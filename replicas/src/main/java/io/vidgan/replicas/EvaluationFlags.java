package io.vidgan.replicas;

import io.vidgan.cli.Flags;
import io.vidgan.cli.UsageException;
import io.vidgan.replicas.config.EvaluationConfig;
import java.util.function.Predicate;
import org.apache.commons.cli.Options;

/**
 * {@code --eval-every}, {@code --eval-i3d} and {@code --eval-clips}: the train-time evaluation
 * ({@link PeriodicEvaluation}). Recorded in {@code trainer.pbtxt}, so a resumed run keeps
 * evaluating; on resume they take their new value like the other schedule flags, except that
 * weights or a clip count that score differently from the run's best checkpoint are refused
 * ({@link PeriodicEvaluation#open}).
 */
final class EvaluationFlags {
  static final String EVERY = "eval-every";
  static final String I3D = "eval-i3d";
  static final String CLIPS = "eval-clips";

  private EvaluationFlags() {}

  static void declare(Options o) {
    EvaluationConfig d = EvaluationConfig.getDefaultInstance();
    o.addOption(Flags.flag(EVERY, "N", "iterations between FVDs of the EMA generator's samples "
        + "against the run's data; each writes a checkpoint, and the link best names the "
        + "checkpoint with the lowest; 0 turns it off (default: " + d.getEvery() + ")"));
    o.addOption(Flags.flag(I3D, "WEIGHTS", "I3D weights for --eval-every, as bin/eval-fvd --i3d "
        + "takes them (a TF-Hub i3d-kinetics-400 directory, a kinetics-i3d checkpoint, or "
        + "random:SEED)"));
    o.addOption(Flags.flag(CLIPS, "N", "clips per side of each FVD, of the stage's length and "
        + "frame rate (default: " + d.getClips() + ")"));
  }

  /** Sets each field whose flag {@code given} accepts; evaluating needs weights. */
  static void apply(Flags f, EvaluationConfig.Builder eval, Predicate<String> given) {
    if (given.test(EVERY)) {
      eval.setEvery(f.getLong(EVERY, 0));
    }
    if (given.test(I3D)) {
      f.get(I3D).ifPresent(eval::setWeights);
    }
    if (given.test(CLIPS)) {
      eval.setClips(f.getInt(CLIPS, 2));
    }
    if (eval.getEvery() > 0 && eval.getWeights().isEmpty()) {
      throw new UsageException("--" + EVERY + "=" + eval.getEvery() + " needs --" + I3D
          + "=WEIGHTS (I3D weights, as bin/eval-fvd --i3d takes them)");
    }
  }
}
