package io.vidgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.data.io.VideoEncoder;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PrepareDatasetTest {
  @TempDir
  static Path shared;

  @TempDir
  Path dir;

  private static Path videos;
  private static final Map<String, Frames> TRUTH = new HashMap<>();

  /**
   * Two test-pattern videos: lossless FFV1 (truth: the frames encoded) and lossy H.264 (truth:
   * its frames decoded in order from the start, the decoder being checked against lossless files
   * in VideoFileDatasetTest).
   */
  @BeforeAll
  static void makeVideos() throws Exception {
    videos = Files.createDirectories(shared.resolve("videos"));
    Frames pattern = TestVideos.pattern(6, 24, 32);
    Path testsrc = TestVideos.encode(videos.resolve("testsrc.mkv"), pattern, TestVideos.FFV1,
        10);
    Path h264 = TestVideos.encode(videos.resolve("h264.mp4"), TestVideos.pattern(5, 24, 32),
        VideoEncoder.Format.MP4, 10);
    TRUTH.put(testsrc.toString(), pattern);
    TRUTH.put(h264.toString(), TestVideos.decodeAll(h264));
  }

  @Test
  void videoFilesRoundTripExactlyAsPng() throws Exception {
    Path out = dir.resolve("png");
    assertEquals(0, prepare("--source=" + videos, "--out=" + out, "--format=png", "--shards=2"));
    try (VideoDataset data = Datasets.open(out.toString(), false)) {
      assertEquals(2, data.size());
      for (int i = 0; i < 2; i++) {
        VideoInfo info = data.info(i);
        Frames truth = truthFor(info.id());
        assertEquals(truth.count(), info.frames());
        assertArrayEquals(truth.rgb(), data.read(i, 0, info.frames(), 1).rgb(), info.id());
      }
    }
  }

  @Test
  void videoFilesRoundTripWithinJpegTolerance() throws Exception {
    Path out = dir.resolve("jpeg");
    assertEquals(0, prepare("--source=" + videos, "--out=" + out, "--quality=95"));
    try (VideoDataset data = Datasets.open(out.toString(), false)) {
      for (int i = 0; i < data.size(); i++) {
        VideoInfo info = data.info(i);
        double error = TestVideos.meanAbsDiff(truthFor(info.id()),
            data.read(i, 0, info.frames(), 1));
        assertTrue(error < 4, info.id() + ": JPEG q95 error " + error);
      }
    }
  }

  @Test
  void resizingCoversAndCentreCrops() throws Exception {
    Path out = dir.resolve("crop");
    Path testsrc = videos.resolve("testsrc.mkv");
    assertEquals(0, prepare("--source=" + testsrc, "--out=" + out, "--format=png",
        "--height=24", "--width=24"));
    Frames truth = TRUTH.get(testsrc.toString());
    try (VideoDataset data = Datasets.open(out.toString(), false)) {
      Frames f = data.read(0, 0, 6, 1);
      assertEquals(24, f.width());
      // height already fits (scale 1): a pure crop of columns 4..27 (slack 8, centre offset 4)
      for (int t = 0; t < 6; t++) {
        for (int y = 0; y < 24; y++) {
          for (int x = 0; x < 24; x++) {
            int src = ((t * 24 + y) * 32 + x + 4) * 3;
            int dst = ((t * 24 + y) * 24 + x) * 3;
            assertEquals(truth.rgb()[src], f.rgb()[dst]);
          }
        }
      }
    }
  }

  @Test
  void builtinRoundTripsExactlyWithLabelsAndShardsByIndex() throws Exception {
    Path out = dir.resolve("builtin");
    String spec = "builtin:videos=6,frames=5,height=16,width=20,seed=3";
    assertEquals(0, prepare("--source=" + spec, "--out=" + out, "--format=png", "--shards=4"));
    try (Stream<Path> files = Files.list(out)) {
      assertEquals(List.of("shard-00000-of-00004.tfrecord", "shard-00001-of-00004.tfrecord",
          "shard-00002-of-00004.tfrecord", "shard-00003-of-00004.tfrecord"),
          files.map(p -> p.getFileName().toString()).sorted().toList());
    }
    try (VideoDataset written = Datasets.open(out.toString(), false);
        VideoDataset builtin = Datasets.open(spec, false)) {
      int[] order = {0, 4, 1, 5, 2, 3};
      for (int i = 0; i < 6; i++) {
        VideoInfo info = written.info(i);
        assertTrue(info.id().endsWith("(builtin#" + order[i] + ")"), info.id());
        assertEquals(builtin.info(order[i]).label(), info.label());
        assertArrayEquals(builtin.read(order[i], 0, 5, 1).rgb(), written.read(i, 0, 5, 1).rgb());
      }
    }
  }

  @Test
  void frameFoldersRoundTripWithClassLabels() throws Exception {
    Path source = dir.resolve("ucf");
    Frames a = TestVideos.random(3, 8, 8, 1);
    Frames b = TestVideos.random(2, 8, 8, 2);
    TestVideos.pngFolder(source.resolve("walk/v1"), a);
    TestVideos.pngFolder(source.resolve("jump/v2"), b);
    Path out = dir.resolve("out");
    assertEquals(0, prepare("--source=" + source, "--out=" + out, "--format=png",
        "--shards=1"));
    try (VideoDataset data = Datasets.open(out.toString(), false)) {
      assertEquals(0, data.info(0).label(), "jump sorts first");
      assertArrayEquals(b.rgb(), data.read(0, 0, 2, 1).rgb());
      assertEquals(1, data.info(1).label());
      assertArrayEquals(a.rgb(), data.read(1, 0, 3, 1).rgb());
    }
  }

  @Test
  void badVideosStopTheConversionOrAreSkippedAndReported() throws Exception {
    Path source = dir.resolve("src");
    TestVideos.pngFolder(source.resolve("good"), TestVideos.random(2, 4, 4, 1));
    TestVideos.pngFolder(source.resolve("bad"), TestVideos.random(2, 4, 4, 2));
    Files.writeString(source.resolve("bad/000001.png"), "garbage");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    assertEquals(1, prepare(err, "--source=" + source, "--out=" + dir.resolve("a")));
    assertTrue(err.toString(StandardCharsets.UTF_8).contains("bad/000001.png: cannot decode"),
        err.toString(StandardCharsets.UTF_8));
    try (Stream<Path> left = Files.list(dir.resolve("a"))) {
      assertEquals(0, left.count(), "nothing is left behind by a failed conversion");
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, prepare("--source=" + source, "--out=" + dir.resolve("b"), "--skip-bad"));
    } finally {
      System.setOut(stdout);
    }
    String report = out.toString(StandardCharsets.UTF_8);
    assertTrue(report.contains("wrote 1 videos") && report.contains("1 skipped")
        && report.contains("bad/000001.png"), report);
    try (VideoDataset data = Datasets.open(dir.resolve("b").toString(), false)) {
      assertEquals(1, data.size());
    }
  }

  @Test
  void usageErrorsExitWithTwo() throws Exception {
    Path frames = TestVideos.pngFolder(dir.resolve("f/v"), TestVideos.random(1, 4, 4, 1))
        .getParent();
    Path full = Files.createDirectories(dir.resolve("full"));
    Files.writeString(full.resolve("x.tfrecord"), "");
    assertEquals(2, prepare("--out=" + dir.resolve("o")));
    assertEquals(2, prepare("--source=" + dir.resolve("missing"), "--out=" + dir.resolve("o")));
    assertEquals(2, prepare("--source=" + frames, "--out=" + full));
    assertEquals(2, prepare("--source=" + frames, "--out=" + dir.resolve("o"), "--height=8"));
    assertEquals(2, prepare("--source=" + frames, "--out=" + dir.resolve("o"), "--fps=5"));
    assertEquals(2, prepare("--builtin", "--source=builtin", "--out=" + dir.resolve("o")));
    assertEquals(2, prepare("--source=" + full, "--out=" + dir.resolve("o")),
        "an empty TFRecord is not a dataset");
    assertEquals(2, prepare("--source=builtin:colour=red", "--out=" + dir.resolve("o")));
  }

  private static Frames truthFor(String id) {
    return TRUTH.entrySet().stream().filter(e -> id.contains(e.getKey())).findFirst()
        .orElseThrow().getValue();
  }

  private static int prepare(String... args) {
    return prepare(new ByteArrayOutputStream(), args);
  }

  /** Runs the command with stderr captured into {@code err}. */
  private static int prepare(ByteArrayOutputStream err, String... args) {
    PrintStream stderr = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      return new PrepareDataset().execute(args);
    } finally {
      System.setErr(stderr);
    }
  }
}
