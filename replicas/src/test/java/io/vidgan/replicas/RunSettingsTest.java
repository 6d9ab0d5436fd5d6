package io.vidgan.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.cli.Command;
import io.vidgan.cli.FlagSet;
import io.vidgan.cli.Flags;
import io.vidgan.graphs.RunDirectory;
import io.vidgan.replicas.config.TrainerConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code bin/train} records in {@code trainer.pbtxt} and what a resume keeps, from the flags
 * alone: the run's settings are resolved and written as {@code bin/train} does, nothing trains.
 */
class RunSettingsTest {
  @TempDir Path dir;

  /** {@code bin/train}'s flags resolved into a run's settings, then written. */
  private static final class Settle extends Command {
    private TrainerConfig run;

    @Override
    protected String name() {
      return "train";
    }

    @Override
    protected String summary() {
      return "resolves and writes a run's settings";
    }

    @Override
    protected void declare(FlagSet flags) {
      new Train().declare(flags);
    }

    @Override
    protected void run(Flags flags) throws IOException {
      RunSettings settings = RunSettings.of(flags, Optional.empty());
      settings.write();
      run = settings.run();
    }
  }

  /** The settings of {@code bin/train args}, which must succeed. */
  static TrainerConfig settle(List<String> args) {
    Settle settle = new Settle();
    assertEquals(0, settle.execute(args.toArray(new String[0])), args.toString());
    return settle.run;
  }

  @Test
  void theWaitForWorkersIsRecordedAndResumedUnlessGivenAnew() throws IOException {
    Path out = dir.resolve("run");
    assertEquals(600f, settle(TrainCommandTest.args(dir.resolve("other"), "lres", 2))
        .getWaitForWorkersSeconds(), "the default");
    assertEquals(30f, settle(TrainCommandTest.args(out, "lres", 2, "--wait-for-workers=30"))
        .getWaitForWorkersSeconds());
    assertTrue(Files.readString(out.resolve(RunDirectory.TRAINER))
        .contains("wait_for_workers_seconds: 30.0"));
    assertEquals(30f, settle(List.of("--resume=" + out)).getWaitForWorkersSeconds(),
        "a resume keeps the run's");
    assertEquals(90f, settle(List.of("--resume=" + out, "--wait-for-workers=90"))
        .getWaitForWorkersSeconds(), "a schedule setting: a resume may change it");
    assertEquals(90f, settle(List.of("--resume=" + out)).getWaitForWorkersSeconds());
  }
}
