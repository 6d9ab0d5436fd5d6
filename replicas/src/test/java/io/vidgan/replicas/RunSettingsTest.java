package io.vidgan.replicas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.cli.Command;
import io.vidgan.cli.FlagSet;
import io.vidgan.cli.Flags;
import io.vidgan.graphs.RunDirectory;
import io.vidgan.graphs.config.Presets;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.Precision;
import io.vidgan.ops.optim.DynamicLossScale;
import io.vidgan.ops.testing.Stderr;
import io.vidgan.replicas.config.TrainerConfig;
import io.vidgan.replicas.devices.Devices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Session;

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

  /** The usage error of {@code bin/train args}: its first line. */
  static String refusal(List<String> args) {
    Stderr err = Stderr.capture(() -> new Settle().execute(args.toArray(new String[0])));
    assertEquals(2, err.exit(), err.text());
    return err.text().lines().findFirst().orElseThrow();
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

  /**
   * fp16's loss scale S and growth interval N are recorded, kept on resume (another value is
   * refused, as for the precision) and are the graph's: both networks' {@code loss_scale} starts
   * at S.
   */
  @Test
  void theLossScaleIsRecordedKeptOnResumeAndStartsTheGraphsScale() throws IOException {
    Path out = dir.resolve("run");
    TrainerConfig run = settle(TrainCommandTest.args(out, "lres", 2, "--precision=fp16",
        "--loss-scale=1024", "--loss-scale-growth=7"));
    assertEquals(1024f, run.getLossScale());
    assertEquals(7, run.getLossScaleGrowth());
    assertEquals(run, settle(List.of("--resume=" + out, "--loss-scale=1024")).toBuilder()
        .clearPreviousData().build(), "the same value is accepted");
    assertEquals("train: --loss-scale=2048.0 differs from the run's loss_scale 1024.0 ("
        + out.resolve(RunDirectory.TRAINER) + "); a resumed run trains with the settings it was "
        + "started with", refusal(List.of("--resume=" + out, "--loss-scale=2048")));
    assertTrue(refusal(List.of("--resume=" + out, "--loss-scale-growth=8"))
        .startsWith("train: --loss-scale-growth=8 differs from the run's loss_scale_growth 7 ("));

    StageConfig c = Presets.load("tiny/lres");
    Devices devices = Devices.local(1, 0);
    Precision precision = ComputePrecision.resolve(run.getPrecision(), devices, line -> { });
    assertEquals(Optional.of(new DynamicLossScale.Settings(1024f, 7)),
        ComputePrecision.lossScale(precision, run));
    try (TrainingGraph graph = TrainingGraph.build(c, devices, 4, 1, null, precision,
        ComputePrecision.lossScale(precision, run));
        Session session = new Session(graph.graph(), devices.sessionConfig())) {
      session.initialize();
      Map<String, float[]> scales = ReplicaEquivalence.fetch(session,
          List.of("D_adam/" + DynamicLossScale.SCALE, "G_adam/" + DynamicLossScale.SCALE));
      scales.forEach((name, s) -> assertArrayEquals(new float[] {1024f}, s, 0f, name));
    }
  }

  /** The loss-scale flags need fp16 and a power of two; each mistake is one line, exit 2. */
  @Test
  void lossScaleFlagsAreCheckedBeforeAnythingIsWritten() throws IOException {
    Path out = dir.resolve("run");
    assertEquals("train: --loss-scale is for --precision=fp16 (dynamic loss scaling), not FP32",
        refusal(TrainCommandTest.args(out, "lres", 2, "--loss-scale=1024")));
    assertEquals("train: --loss-scale-growth is for --precision=fp16 (dynamic loss scaling), not "
        + "BF16", refusal(TrainCommandTest.args(out, "lres", 2, "--precision=bf16",
            "--loss-scale-growth=10")));
    assertEquals("train: --loss-scale must be a power of two >= 1, got 1000.0",
        refusal(TrainCommandTest.args(out, "lres", 2, "--precision=fp16", "--loss-scale=1000")));
    assertTrue(refusal(TrainCommandTest.args(out, "lres", 2, "--precision=fp16",
        "--loss-scale-growth=0")).startsWith("train: --loss-scale-growth "), "below 1");
    assertFalse(Files.exists(out));
    settle(TrainCommandTest.args(out, "lres", 2));
    assertEquals("train: --loss-scale is for --precision=fp16 (dynamic loss scaling), not FP32",
        refusal(List.of("--resume=" + out, "--loss-scale=32768")), "an fp32 run's resume too");
  }
}
