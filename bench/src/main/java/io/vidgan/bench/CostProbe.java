package io.vidgan.bench;

import io.vidgan.cli.Command;
import io.vidgan.cli.Flag;
import io.vidgan.cli.FlagSet;
import io.vidgan.cli.Flags;
import io.vidgan.cli.UsageException;
import io.vidgan.graphs.StageBelow;
import io.vidgan.graphs.config.InvalidConfigException;
import io.vidgan.graphs.config.Presets;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.Precision;
import io.vidgan.replicas.devices.Devices;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One model of the {@code cost} measurement, trained in a process of its own so that the process's
 * peak RSS is that model's: the trainer's graph and session on one replica ({@link StepTimer}),
 * synthetic inputs, one untimed iteration, then {@code --iterations} timed ones, printed as
 * {@value #PREFIX}{@code s1,s2,...}. A super-resolution stage is conditioned on its frozen stages
 * below ({@code --below}, weights as initialised: the cost does not depend on them), as {@code
 * bin/train --below} trains it.
 */
public final class CostProbe extends Command {
  static final String PREFIX = "seconds_per_iteration=";
  static final Flag<String> CONFIG = Flag.text("config", "FILE|PRESET", "the stage to train");
  static final Flag<String> BELOW = Flag.text("below", "FILE|PRESET,...", "the stages below a "
      + "super-resolution stage, first stage first");
  static final Flag<Integer> BATCH = Flag.integer("batch", "N", "batch size").atLeast(1);
  static final Flag<Integer> ITERATIONS = Flag.integer("iterations", "N", "timed iterations")
      .atLeast(1).withDefault(3);

  public static void main(String[] args) {
    Command.main(new CostProbe(), args);
  }

  @Override
  protected String name() {
    return "cost-probe";
  }

  @Override
  protected String summary() {
    return "Trains one stage for a few iterations on synthetic inputs and prints their seconds "
        + "(run by bin/bench cost under /usr/bin/time for its peak RSS)";
  }

  @Override
  protected void declare(FlagSet flags) {
    flags.add(CONFIG, BELOW, BATCH, ITERATIONS);
  }

  @Override
  protected void run(Flags flags) throws Exception {
    StageConfig config = ScaledPreset.withBatch(load(CONFIG, flags.get(CONFIG)),
        flags.get(BATCH));
    List<StageBelow.Level> below = null;
    if (flags.has(BELOW)) {
      below = new ArrayList<>();
      for (String name : flags.get(BELOW).split(",")) {
        StageConfig c = load(BELOW, name.trim());
        below.add(new StageBelow.Level(c, c.getVideo().getFrames()));
      }
    }
    try (StepTimer timer = new StepTimer(config, Devices.local(1, 0), null, Precision.FP32,
        below)) {
      timer.iteration();
      double[] seconds = new double[flags.get(ITERATIONS)];
      for (int i = 0; i < seconds.length; i++) {
        seconds[i] = timer.iteration();
      }
      System.out.println(PREFIX + Arrays.stream(seconds)
          .mapToObj(s -> String.format(Locale.ROOT, "%.4f", s))
          .collect(Collectors.joining(",")));
    }
  }

  private static StageConfig load(Flag<String> flag, String nameOrPath) throws IOException {
    try {
      return Presets.resolve(nameOrPath);
    } catch (InvalidConfigException e) {
      throw new UsageException("--" + flag.name() + ": " + e.getMessage(), e);
    }
  }
}
