package io.vidgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.TextFormat;
import io.vidgan.graphs.RunDirectory;
import io.vidgan.ops.io.CheckpointState;
import io.vidgan.ops.testing.Stderr;
import io.vidgan.replicas.Checkpoints;
import io.vidgan.replicas.EventFiles;
import io.vidgan.replicas.Train;
import io.vidgan.replicas.config.CheckpointEvaluation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/train --eval-every}: FVD of the EMA generator in TensorBoard (read back from the
 * event files), the {@code best} link on the lowest score surviving pruning, real statistics
 * computed once per run and reused on resume, and weights that score differently refused.
 * Random I3D weights written as a kinetics-i3d checkpoint, the tiny stage, 4 clips per side.
 */
class TrainingFvdTest {
  @TempDir Path dir;

  private static int train(String... args) {
    return new Train().execute(args);
  }

  private static List<String> args(Path run, Path i3d, int steps) {
    return new ArrayList<>(List.of("--stage=lres", "--config=tiny/lres", "--out=" + run,
        "--data=builtin:videos=12,height=16,width=16,frames=12", "--steps=" + steps,
        "--batch=4", "--checkpoint-every=100", "--keep-checkpoints=1", "--sample-every=100",
        "--log-every=1", "--eval-every=1", "--eval-i3d=" + i3d, "--eval-clips=3"));
  }

  /** Random I3D weights saved under the published kinetics-i3d names, as {@code DIR/model.ckpt}. */
  private Path i3d() throws IOException {
    Path ckpt = Files.createDirectories(dir.resolve("i3d")).resolve("model.ckpt");
    try (I3dEmbedder e = new I3dEmbedder(I3dWeights.random(3, I3dLayout.KINETICS_400),
        I3d.MIN_FRAMES)) {
      e.save(ckpt.toString());
    }
    return ckpt.getParent();
  }

  @Test
  void fvdIsInTensorBoardAndTheBestCheckpointSurvivesPruningAndResuming() throws Exception {
    Path i3d = i3d();
    Path run = dir.resolve("run");
    assertEquals(0, train(args(run, i3d, 2).toArray(new String[0])));
    assertScores(run, List.of(1L, 2L));
    Path stats = onlyFile(run.resolve(TrainingFvd.CACHE_DIR));
    FileTime computed = Files.getLastModifiedTime(stats);

    assertEquals(0, train("--resume=" + run, "--steps=3"));
    assertScores(run, List.of(1L, 2L, 3L));
    assertEquals(stats, onlyFile(run.resolve(TrainingFvd.CACHE_DIR)));
    assertEquals(computed, Files.getLastModifiedTime(stats), "real statistics computed once");

    Stderr other = Stderr.capture(() -> train("--resume=" + run, "--eval-i3d=random:4"));
    assertEquals(2, other.exit(), other.text());
    assertTrue(other.text().startsWith("train: --eval-i3d/--eval-clips score metrics/fvd"
        + " fvd3_4f_repeat3 with weights sha256 ") && other.text().contains(", but the run's"
        + " best checkpoint (step "), other.text());
    Path moved = dir.resolve("moved");
    Files.createDirectories(moved);
    try (Stream<Path> files = Files.list(i3d)) {
      for (Path f : files.toList()) {
        Files.copy(f, moved.resolve(f.getFileName()));
      }
    }
    assertEquals(0, train("--resume=" + run, "--eval-i3d=" + moved));
    assertTrue(Files.readString(run.resolve("trainer.pbtxt")).contains("weights: \"" + moved),
        "the same weights may move");
  }

  /**
   * The scores of {@code steps} are in TensorBoard with the share of time spent on them; {@code
   * best} names the checkpoint with the lowest, which holds that score and is listed in the index
   * next to the newest (one kept) however old it is.
   */
  private static void assertScores(Path run, List<Long> steps) throws IOException {
    List<EventFiles.Tagged> fvd = EventFiles.read(run, "metrics/fvd");
    assertEquals(steps, fvd.stream().map(EventFiles.Tagged::step).toList());
    double lowest = Double.POSITIVE_INFINITY;
    long lowestStep = -1;
    for (EventFiles.Tagged t : fvd) {
      float v = EventFiles.scalar(t.value());
      assertTrue(Float.isFinite(v) && v > 0, "FVD at step " + t.step() + ": " + v);
      if (v < lowest) {
        lowest = v;
        lowestStep = t.step();
      }
    }
    for (EventFiles.Tagged t : EventFiles.read(run, "timing/eval_fraction")) {
      float share = EventFiles.scalar(t.value());
      assertTrue(share > 0 && share < 1, "eval fraction " + share);
    }
    Path best = new Checkpoints(run, 1).best().orElseThrow();
    assertEquals(run.resolve(RunDirectory.checkpoint(lowestStep)), best);
    CheckpointEvaluation.Builder score = CheckpointEvaluation.newBuilder();
    TextFormat.merge(Files.readString(best.resolve("evaluation.pbtxt")), score);
    assertEquals(lowest, score.getValue(), 1e-6 * lowest);
    assertEquals(lowestStep, score.getStep());
    long newest = steps.get(steps.size() - 1);
    List<String> listed = CheckpointState.read(run).orElseThrow().prefixes();
    assertEquals(lowestStep == newest ? List.of(RunDirectory.checkpoint(newest) + "/variables")
        : List.of(RunDirectory.checkpoint(lowestStep) + "/variables",
            RunDirectory.checkpoint(newest) + "/variables"), listed);
    assertTrue(Files.isRegularFile(best.resolve("variables.index")));
  }

  private static Path onlyFile(Path dir) throws IOException {
    try (Stream<Path> files = Files.list(dir)) {
      List<Path> all = files.toList();
      assertEquals(1, all.size(), all.toString());
      return all.get(0);
    }
  }

  /** Bad evaluation flags are one line naming the flag, before the run directory exists. */
  @Test
  void badEvaluationFlagsAreUsageErrors() throws IOException {
    Path run = dir.resolve("run");
    List<String> noWeights = args(run, dir, 2);
    noWeights.removeIf(a -> a.startsWith("--eval-i3d="));
    Stderr missing = Stderr.capture(() -> train(noWeights.toArray(new String[0])));
    assertEquals(2, missing.exit(), missing.text());
    assertTrue(missing.text().startsWith("train: --eval-every=1 needs --eval-i3d=WEIGHTS"),
        missing.text());
    Stderr bad = Stderr.capture(() -> train(args(run, dir.resolve("none"), 2)
        .toArray(new String[0])));
    assertEquals(2, bad.exit(), bad.text());
    assertTrue(bad.text().startsWith("train: --eval-i3d: '" + dir.resolve("none")
        + "' is not I3D weights"), bad.text());
    assertEquals(2, bad.text().lines().count(), "the error and the --help hint: " + bad.text());
    assertFalse(Files.exists(run));
  }
}
