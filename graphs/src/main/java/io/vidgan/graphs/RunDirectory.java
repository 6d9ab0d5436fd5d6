package io.vidgan.graphs;

import java.util.Locale;

/**
 * The layout of a training run directory, spelled once: {@code bin/train} writes it, {@code
 * --resume} and {@code --below} read it back, {@code bin/export-savedmodel} exports from it.
 *
 * <pre>
 * RUN/config.pbtxt                      the stage's StageConfig
 * RUN/trainer.pbtxt                     the run's TrainerConfig (written last on a start)
 * RUN/checkpoint                        the index of the checkpoints kept (CheckpointState)
 * RUN/ckpt-%08d/variables.{index,data-*} a TF checkpoint V2 of every variable
 * RUN/ckpt-%08d/trainer_state.pbtxt     step, seconds, data stream positions
 * RUN/bad_inputs.txt                    inputs skipped by --skip-bad
 * RUN/samples/                          sample videos
 * </pre>
 */
public final class RunDirectory {
  public static final String CONFIG = "config.pbtxt";
  public static final String TRAINER = "trainer.pbtxt";
  /** The prefix of a checkpoint's variables within its directory. */
  public static final String VARIABLES = "variables";
  public static final String STATE = "trainer_state.pbtxt";
  public static final String BAD_INPUTS = "bad_inputs.txt";
  public static final String SAMPLES = "samples";

  private RunDirectory() {}

  /** The directory name of the checkpoint at {@code step}, {@code ckpt-%08d}. */
  public static String checkpoint(long step) {
    return String.format(Locale.ROOT, "ckpt-%08d", step);
  }

  /** Whether {@code name} is a checkpoint directory's name. */
  public static boolean isCheckpoint(String name) {
    return name.matches("ckpt-\\d+");
  }

  /** The variables prefix of checkpoint {@code checkpoint}, relative to the run directory. */
  public static String variables(String checkpoint) {
    return checkpoint + "/" + VARIABLES;
  }
}
