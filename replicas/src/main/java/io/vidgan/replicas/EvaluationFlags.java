package io.vidgan.replicas;

import io.vidgan.cli.Flag;
import io.vidgan.cli.FlagSet;
import io.vidgan.cli.Flags;
import io.vidgan.cli.UsageException;
import io.vidgan.replicas.config.EvaluationConfig;
import java.util.function.Predicate;

/**
 * {@code --eval-every}, {@code --eval-i3d} and {@code --eval-clips}: the train-time evaluation
 * ({@link PeriodicEvaluation}). Recorded in {@code trainer.pbtxt}, so a resumed run keeps
 * evaluating; on resume they take their new value like the other schedule flags, except that
 * weights or a clip count that score differently from the run's best checkpoint are refused
 * ({@link PeriodicEvaluation#open}).
 */
final class EvaluationFlags {
  private static final EvaluationConfig D = EvaluationConfig.getDefaultInstance();
  static final Flag<Long> EVERY = Flag.longInteger("eval-every", "N", "iterations between FVDs "
      + "of the EMA generator's samples against the run's data; each writes a checkpoint, and "
      + "the link best names the checkpoint with the lowest; 0 turns it off").atLeast(0)
      .withDefault(D.getEvery());
  static final Flag<String> I3D = Flag.text("eval-i3d", "WEIGHTS", "I3D weights for "
      + "--eval-every, as bin/eval-fvd --i3d takes them (a TF-Hub i3d-kinetics-400 directory, a "
      + "kinetics-i3d checkpoint, or random:SEED)");
  static final Flag<Integer> CLIPS = Flag.integer("eval-clips", "N", "clips per side of each "
      + "FVD, of the stage's length and frame rate").atLeast(2).withDefault(D.getClips());

  private EvaluationFlags() {}

  static void declare(FlagSet flags) {
    flags.add(EVERY, I3D, CLIPS);
  }

  /** Sets each field whose flag {@code given} accepts; evaluating needs weights. */
  static void apply(Flags f, EvaluationConfig.Builder eval, Predicate<Flag<?>> given) {
    if (given.test(EVERY)) {
      eval.setEvery(f.get(EVERY));
    }
    if (given.test(I3D)) {
      f.find(I3D).ifPresent(eval::setWeights);
    }
    if (given.test(CLIPS)) {
      eval.setClips(f.get(CLIPS));
    }
    if (eval.getEvery() > 0 && eval.getWeights().isEmpty()) {
      throw new UsageException("--" + EVERY.name() + "=" + eval.getEvery() + " needs --"
          + I3D.name() + "=WEIGHTS (I3D weights, as bin/eval-fvd --i3d takes them)");
    }
  }
}
