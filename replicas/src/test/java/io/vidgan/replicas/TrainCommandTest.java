package io.vidgan.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.cli.FileTrees;
import io.vidgan.graphs.RunDirectory;
import io.vidgan.graphs.StageBelow;
import io.vidgan.ops.io.CheckpointIndex;
import io.vidgan.ops.io.CheckpointState;
import io.vidgan.ops.io.CheckpointTensor;
import io.vidgan.ops.testing.Stderr;
import io.vidgan.ops.testing.TfRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Summary;

/** {@code bin/train} end to end, in process: both stages, resume, bad flags. */
class TrainCommandTest {
  static final String DATA = "--data=builtin:videos=24,height=32,width=32,frames=24";

  static int train(String... args) {
    return new Train().execute(args);
  }

  /** A tiny run's flags; {@code more} adds flags or replaces those of the same name. */
  static List<String> args(Path out, String stage, int steps, String... more) {
    List<String> a = new ArrayList<>(List.of("--stage=" + stage, "--config=tiny/" + stage,
        "--out=" + out, DATA, "--steps=" + steps, "--batch=4", "--replicas=2",
        "--checkpoint-every=5", "--sample-every=10", "--log-every=5"));
    for (String flag : more) {
      String name = flag.replaceAll("=.*", "=");
      a.removeIf(given -> given.startsWith(name));
      a.add(flag);
    }
    return a;
  }

  @Test
  void trainsBothStagesWithSamplesCheckpointsAndEvents(@TempDir Path dir) throws Exception {
    Path lres = dir.resolve("lres");
    assertEquals(0, train(args(lres, "lres", 10).toArray(new String[0])));
    assertTrue(Files.exists(lres.resolve("samples/step-00000010.gif")));
    assertTrue(Files.exists(lres.resolve("samples/step-00000010.mp4")));
    assertSampleGridSummary(lres, 10);
    assertTrue(Files.exists(lres.resolve("config.pbtxt")));
    assertEquals("ckpt-00000010/variables", CheckpointState.read(lres).orElseThrow().latest());
    try (var events = Files.list(lres)) {
      assertTrue(events.anyMatch(p -> p.getFileName().toString().startsWith("events.out.tfevents")
          && p.toFile().length() > 100), "TensorBoard events written");
    }
    Path sres = dir.resolve("sres");
    assertEquals(0, train(args(sres, "sres", 10, "--below=" + lres, "--grad-accum=2")
        .toArray(new String[0])));
    assertTrue(Files.exists(sres.resolve("samples/step-00000010.gif")));
    String state = Files.readString(sres.resolve("ckpt-00000010/trainer_state.pbtxt"));
    assertTrue(state.contains("data_positions: 60"), "2 micro-batches per update: " + state);
    String trainer = Files.readString(sres.resolve(RunDirectory.TRAINER));
    assertTrue(trainer.contains("condition: BELOW") && trainer.contains("step: 10")
        && trainer.contains("ckpt-00000010/variables") && trainer.contains("ema: true"), trainer);
    assertStepScalars(sres, 10, "grad_norm/D_S", "grad_norm/D_T", "grad_norm/D_M",
        "scores/D_real", "scores/D_fake", "loss/D", "grad_norm/G");
  }

  /** Every step output's scalar ({@code TrainingStep}) is in TensorBoard at {@code step}. */
  private static void assertStepScalars(Path run, long step, String... tags) throws IOException {
    for (String tag : tags) {
      List<EventFiles.Tagged> values = EventFiles.read(run, tag);
      assertFalse(values.isEmpty(), "no " + tag + " in TensorBoard");
      EventFiles.Tagged last = values.get(values.size() - 1);
      assertEquals(step, last.step(), tag);
      assertTrue(Float.isFinite(last.value().getSimpleValue()), tag);
    }
  }

  /**
   * A super-resolution run needs --below (or --condition=real, the ablation), checked before the
   * run directory is written; a resumed run accepts the stage below and condition it recorded and
   * refuses others, naming both, and ends where an uninterrupted run ends (its stage-below samples
   * made ahead of each step are those of the same runs). Its checkpoints hold no variable of the
   * frozen stage below, which is restored from the recorded checkpoint.
   */
  @Test
  void superResolutionRunsTrainOnTheirRecordedStageBelow(@TempDir Path dir) throws Exception {
    Path sres = dir.resolve("sres");
    try (StandardError err = StandardError.capture()) {
      assertEquals(2, train(args(sres, "sres", 2).toArray(new String[0])));
      assertTrue(err.text().contains("--below") && err.text().contains("--condition=real"),
          err.text());
    }
    assertFalse(Files.exists(sres), "checked before the run directory is written");
    assertEquals(2, train(args(dir.resolve("both"), "sres", 2, "--condition=real",
        "--below=" + sres).toArray(new String[0])));
    assertEquals(2, train(args(dir.resolve("lres"), "lres", 2, "--condition=real")
        .toArray(new String[0])));
    Path first = StageBelowFakePairsTest.stageBelow(dir.resolve("below-a"), null);
    Path other = StageBelowFakePairsTest.stageBelow(dir.resolve("below-b"), 0.5f);
    assertEquals(0, train(args(sres, "sres", 1, "--below=" + first).toArray(new String[0])));
    try (StandardError err = StandardError.capture()) {
      assertEquals(2, train("--resume=" + sres, "--steps=2", "--below=" + other));
      assertTrue(err.text().contains(first.toString()) && err.text().contains(other.toString()),
          err.text());
    }
    try (StandardError err = StandardError.capture()) {
      assertEquals(2, train("--resume=" + sres, "--steps=2", "--condition=real"));
      assertTrue(err.text().contains("--condition=real differs from the run's condition below"),
          err.text());
    }
    assertEquals(0, train("--resume=" + sres, "--steps=2", "--below=" + first,
        "--condition=below"));
    Path whole = dir.resolve("whole");
    assertEquals(0, train(args(whole, "sres", 2, "--below=" + first).toArray(new String[0])));
    String last = "ckpt-00000002/variables";
    assertOwnVariablesOnly(sres.resolve("ckpt-00000001/variables"));
    assertOwnVariablesOnly(sres.resolve(last));
    Map<String, float[]> a = CheckpointValues.read(whole.resolve(last).toString());
    Map<String, float[]> b = CheckpointValues.read(sres.resolve(last).toString());
    assertEquals(a.keySet(), b.keySet());
    for (String name : a.keySet()) {
      assertEquals(0.0, TfRun.maxAbsDiff(a.get(name), b.get(name)), name);
    }
  }

  /** The checkpoint has the sres stage's tensors and none of the frozen stage below's. */
  private static void assertOwnVariablesOnly(Path prefix) throws IOException {
    List<String> names = CheckpointIndex.read(prefix.toString()).tensors().stream()
        .map(CheckpointTensor::name).toList();
    assertTrue(names.stream().anyMatch(n -> n.startsWith("sres/generator/")), names.toString());
    assertTrue(names.stream().noneMatch(n -> n.startsWith(StageBelow.SCOPE + "/")),
        names.toString());
  }

  /**
   * The event file holds the sample grid of {@code step} as an animated GIF of the grid's size:
   * {@code Train.SAMPLES} tiny 8x8 videos enlarged to 128x128, 4 per row, 4 pixels apart.
   */
  private static void assertSampleGridSummary(Path run, long step) throws IOException {
    List<EventFiles.Tagged> grids = EventFiles.read(run, "samples/grid");
    assertEquals(step, grids.get(grids.size() - 1).step());
    Summary.Image image = grids.get(grids.size() - 1).value().getImage();
    int rows = (Train.SAMPLES + 3) / 4;
    assertEquals(rows * 128 + (rows - 1) * 4, image.getHeight());
    assertEquals(4 * 128 + 3 * 4, image.getWidth());
    assertEquals(new EventFiles.Gif(4, image.getHeight(), image.getWidth()),
        EventFiles.gif(grids.get(grids.size() - 1).value()), "the tiny stage's 4 frames");
  }

  @Test
  void resumingContinuesExactlyAsAnUninterruptedRun(@TempDir Path dir) throws Exception {
    Path whole = dir.resolve("whole");
    Path split = dir.resolve("split");
    assertEquals(0, train(args(whole, "lres", 20).toArray(new String[0])));
    assertEquals(0, train(args(split, "lres", 10).toArray(new String[0])));
    assertEquals(0, train("--resume=" + split, "--steps=20"));
    Map<String, float[]> a = CheckpointValues.read(whole.resolve("ckpt-00000020/variables")
        .toString());
    Map<String, float[]> b = CheckpointValues.read(split.resolve("ckpt-00000020/variables")
        .toString());
    assertEquals(a.keySet(), b.keySet());
    for (String name : a.keySet()) {
      assertEquals(0.0, TfRun.maxAbsDiff(a.get(name), b.get(name)), name);
    }
    String state = Files.readString(split.resolve("ckpt-00000020/trainer_state.pbtxt"));
    assertTrue(state.contains("data_positions: 60"), state);
  }

  @Test
  void aStartThatFailsOnItsInputWritesNothing(@TempDir Path dir) {
    Path out = dir.resolve("run");
    Stderr missing = Stderr.capture(() -> train("--out=" + out, "--data=" + dir.resolve("none")));
    assertEquals(2, missing.exit(), missing.text());
    assertTrue(missing.text().startsWith("train: --data: " + dir.resolve("none")
        + ": does not exist"), missing.text());
    assertEquals(2, train("--out=" + out, "--data=builtin:frames=-1"));
    assertFalse(Files.exists(out), "no run directory for a run that never started");
  }

  /**
   * A run killed before its first checkpoint (here: its checkpoints removed) resumes from step 0
   * with its saved settings, with the very command it was started with plus {@code --resume},
   * and its data re-pointed to an equal spec; it ends where an uninterrupted run ends. Samples
   * between checkpoints add none.
   */
  @Test
  void resumingARunWithoutACheckpointStartsItAtZeroWithItsSettings(@TempDir Path dir)
      throws Exception {
    Path whole = dir.resolve("whole");
    Path killed = dir.resolve("killed");
    assertEquals(0, train(args(whole, "lres", 4, "--sample-every=1").toArray(new String[0])));
    assertEquals(List.of("ckpt-00000004"), checkpointDirs(whole));
    assertTrue(Files.exists(whole.resolve("samples/step-00000002.gif")));
    assertEquals(0, train(args(killed, "lres", 2).toArray(new String[0])));
    for (String ckpt : checkpointDirs(killed)) {
      FileTrees.delete(killed.resolve(ckpt));
    }
    Files.delete(killed.resolve(CheckpointState.FILE));

    List<String> again = args(killed, "lres", 4, DATA + ",seed=1", "--resume=" + killed);
    assertEquals(0, train(again.toArray(new String[0])));
    Map<String, float[]> a = CheckpointValues.read(whole.resolve("ckpt-00000004/variables")
        .toString());
    Map<String, float[]> b = CheckpointValues.read(killed.resolve("ckpt-00000004/variables")
        .toString());
    for (String name : a.keySet()) {
      assertEquals(0.0, TfRun.maxAbsDiff(a.get(name), b.get(name)), name);
    }
    String trainer = Files.readString(killed.resolve(RunDirectory.TRAINER));
    assertTrue(trainer.contains("previous_data: \"builtin:videos=24,height=32,width=32,frames=24\"")
        && trainer.contains("data: \"builtin:videos=24,height=32,width=32,frames=24,seed=1\""),
        trainer);

    Stderr seed = Stderr.capture(() -> train("--resume=" + killed, "--seed=7"));
    assertEquals(2, seed.exit());
    assertTrue(seed.text().startsWith("train: --seed=7 differs from the run's seed 1 ("),
        seed.text());
    Stderr precision = Stderr.capture(() -> train("--resume=" + killed, "--precision=bf16"));
    assertEquals(2, precision.exit());
    assertTrue(precision.text().startsWith("train: --precision=BF16 differs from the run's "
        + "precision FP32 ("), precision.text());
    assertEquals(2, train("--resume=" + killed, "--stage=sres"));
    assertEquals(2, train("--resume=" + killed, "--batch=8"));
  }

  private static List<String> checkpointDirs(Path run) throws Exception {
    try (Stream<Path> entries = Files.list(run)) {
      return entries.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("ckpt-"))
          .sorted().toList();
    }
  }

  /**
   * {@code --eval-every} needs weights, and an evaluation on the classpath: replicas' own
   * classpath has none (metrics-i3d provides FVD). Both are one line, before anything is written.
   */
  @Test
  void evaluatingWithoutWeightsOrAnEvaluatorIsAUsageError(@TempDir Path dir) {
    Path out = dir.resolve("run");
    Stderr noWeights = Stderr.capture(() -> train(args(out, "lres", 2, "--eval-every=1")
        .toArray(new String[0])));
    assertEquals(2, noWeights.exit(), noWeights.text());
    assertTrue(noWeights.text().startsWith("train: --eval-every=1 needs --eval-i3d=WEIGHTS (I3D"
        + " weights, as bin/eval-fvd --i3d takes them)\nRun bin/train --help"), noWeights.text());
    Stderr noProvider = Stderr.capture(() -> train(args(out, "lres", 2, "--eval-every=1",
        "--eval-i3d=random:1").toArray(new String[0])));
    assertEquals(2, noProvider.exit(), noProvider.text());
    assertTrue(noProvider.text().startsWith("train: --eval-every: no train-time evaluation on the"
        + " classpath (metrics-i3d provides FVD; bin/train runs with it)\nRun bin/train --help"),
        noProvider.text());
    assertFalse(Files.exists(out), "checked before the run directory is written");
  }

  @Test
  void badFlagsExitWithTwo(@TempDir Path dir) {
    assertEquals(2, train("--stage=xres"));
    assertEquals(2, train("--stage=lres", "--replicas=0"));
    assertEquals(2, train("--stage=lres", "--config=tiny/lres", "--batch=5", "--replicas=2",
        "--out=" + dir.resolve("a")));
    assertEquals(2, train("--stage=lres", "--config=tiny/lres", "--batch=4", "--replicas=2",
        "--grad-accum=3", "--out=" + dir.resolve("b")));
    assertEquals(2, train("--stage=lres", "--config=no/such_preset"));
    assertEquals(2, train("--stage=sres", "--config=tiny/lres"));
    assertEquals(2, train("--resume=" + dir.resolve("missing")));
    assertEquals(2, train("--resume=" + dir, "--steps=3"));
    assertEquals(2, train("--stage=lres", "--steps=ten"));
    Stderr huge = Stderr.capture(() -> train("--stage=lres", "--steps=99999999999999999999"));
    assertEquals(2, huge.exit());
    assertTrue(huge.text().startsWith("train: --steps is out of range"), huge.text());
    Stderr precision = Stderr.capture(() -> train("--stage=lres", "--precision=fp8"));
    assertEquals(2, precision.exit());
    assertTrue(precision.text().startsWith("train: --precision must be one of fp32|bf16|fp16, "
        + "got 'fp8'\n"), precision.text());
    Stderr fp16 = Stderr.capture(() -> train("--stage=lres", "--precision=fp16"));
    assertEquals(2, fp16.exit());
    assertTrue(fp16.text().startsWith("train: --precision needs dynamic loss scaling, which is "
        + "not implemented yet, got FP16\n"), fp16.text());
    assertEquals(2, train("unexpected"));
    assertEquals(2, train("--steps=3", "--steps=4"));
  }
}
