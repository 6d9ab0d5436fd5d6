package io.vidgan.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.ops.io.CheckpointState;
import io.vidgan.ops.testing.TfRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Summary;

/** {@code bin/train} end to end, in process: both stages, resume, bad flags. */
class TrainCommandTest {
  static final String DATA = "--data=builtin:videos=24,height=32,width=32,frames=24";

  static int train(String... args) {
    return new Train().execute(args);
  }

  static List<String> args(Path out, String stage, int steps, String... more) {
    List<String> a = new ArrayList<>(List.of("--stage=" + stage, "--config=tiny/" + stage,
        "--out=" + out, DATA, "--steps=" + steps, "--batch=4", "--replicas=2",
        "--checkpoint-every=5", "--sample-every=10", "--log-every=5"));
    a.addAll(List.of(more));
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
    String trainer = Files.readString(sres.resolve(Train.TRAINER_FILE));
    assertTrue(trainer.contains("condition: BELOW") && trainer.contains("step: 10")
        && trainer.contains("ckpt-00000010/variables") && trainer.contains("ema: true"), trainer);
  }

  /**
   * A super-resolution run needs --below (or --condition=real, the ablation); a resumed run
   * refuses another stage below than the one it recorded, naming both.
   */
  @Test
  void superResolutionRunsTrainOnTheirRecordedStageBelow(@TempDir Path dir) throws Exception {
    Path sres = dir.resolve("sres");
    try (StandardError err = StandardError.capture()) {
      assertEquals(2, train(args(sres, "sres", 2).toArray(new String[0])));
      assertTrue(err.text().contains("--below") && err.text().contains("--condition=real"),
          err.text());
    }
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
    assertEquals(0, train("--resume=" + sres, "--steps=2", "--below=" + first));
    assertTrue(Files.exists(sres.resolve("ckpt-00000002")));
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
    assertEquals(2, train("unexpected"));
  }
}
