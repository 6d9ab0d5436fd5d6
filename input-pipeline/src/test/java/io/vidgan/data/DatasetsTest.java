package io.vidgan.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.data.builtin.BuiltinDataset;
import io.vidgan.data.io.ImageCodec;
import io.vidgan.data.source.FrameFolderDataset;
import io.vidgan.data.source.SequenceExamples;
import io.vidgan.data.source.TfRecordDataset;
import io.vidgan.data.source.TfRecordWriter;
import io.vidgan.data.source.VideoFileDataset;
import io.vidgan.data.source.ZipShardDataset;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DatasetsTest {
  private static final byte[] PNG = png();

  @TempDir
  Path dir;

  @Test
  void builtinIsTheDefaultAndTakesOptions() throws Exception {
    try (VideoDataset data = Datasets.open("builtin", false)) {
      assertTrue(data instanceof BuiltinDataset);
      assertEquals(BuiltinDataset.VIDEOS_DEFAULT, data.size());
      assertEquals(new VideoInfo("builtin#0", 256, 128, 128, data.info(0).label()),
          data.info(0));
    }
    try (VideoDataset data = Datasets.open("builtin:videos=7,frames=9,height=16,width=24",
        false)) {
      assertEquals(7, data.size());
      assertEquals(9, data.info(6).frames());
      assertEquals(24, data.read(6, 0, 1, 1).width());
    }
  }

  @Test
  void detectsEachKindOfSource() throws Exception {
    Path tfrecords = Files.createDirectories(dir.resolve("tfrecords"));
    for (String shard : List.of("train.tfrecord-00001", "train.tfrecord-00000")) {
      try (TfRecordWriter w = new TfRecordWriter(tfrecords.resolve(shard))) {
        w.write(SequenceExamples.encode(shard, -1, 2, 2, "png", List.of(PNG)));
      }
    }
    Path zips = Files.createDirectories(dir.resolve("zips"));
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zips.resolve("p.zip")))) {
      z.putNextEntry(new ZipEntry("clip/000000.png"));
      z.write(PNG);
    }
    Path frames = TestVideos.pngFolder(dir.resolve("frames/video_a"),
        TestVideos.random(2, 4, 4, 1)).getParent();
    Path videos = Files.createDirectories(dir.resolve("videos"));
    Path video = TestVideos.encode(videos.resolve("v.mkv"), TestVideos.pattern(3, 16, 16),
        TestVideos.FFV1, 10);

    assertOpens(TfRecordDataset.class, 2, tfrecords.toString());
    try (VideoDataset data = Datasets.open(tfrecords.toString(), false)) {
      assertTrue(data.info(0).id().contains("tfrecord-00000"), "shards in natural order");
    }
    assertOpens(ZipShardDataset.class, 1, zips.toString());
    assertOpens(FrameFolderDataset.class, 1, frames.toString());
    assertOpens(VideoFileDataset.class, 1, videos.toString());
    assertOpens(VideoFileDataset.class, 1, video.toString());
    assertOpens(TfRecordDataset.class, 2, tfrecords.resolve("train.tfrecord-00000") + ","
        + tfrecords.resolve("train.tfrecord-00001"));
  }

  @Test
  void missingPathIsAnErrorNamingIt() {
    DatasetException e = assertThrows(DatasetException.class,
        () -> Datasets.open(dir.resolve("nope").toString(), true));
    assertEquals(dir.resolve("nope") + ": does not exist", e.getMessage());
  }

  @Test
  void directoryWithNothingUsableIsAnError() throws Exception {
    Files.writeString(dir.resolve("readme.txt"), "hi");
    DatasetException e = assertThrows(DatasetException.class,
        () -> Datasets.open(dir.toString(), true));
    assertTrue(e.getMessage().startsWith(dir + ": no dataset found: expected *.tfrecord"),
        e.getMessage());
  }

  @Test
  void longVideoGanRootSaysWhichResolutionToPass() throws Exception {
    Files.createDirectories(dir.resolve("0036x0064"));
    Files.createDirectories(dir.resolve("0144x0256"));
    DatasetException e = assertThrows(DatasetException.class,
        () -> Datasets.open(dir.toString(), false));
    assertTrue(e.getMessage().contains("[0036x0064, 0144x0256]"), e.getMessage());
  }

  @Test
  void filesOfMixedOrUnknownKindsAreErrors() throws Exception {
    Path text = Files.writeString(dir.resolve("a.txt"), "x");
    assertTrue(assertThrows(DatasetException.class, () -> Datasets.open(text.toString(), false))
        .getMessage().contains("a.txt: not a dataset file"));
    Path zip = Files.writeString(dir.resolve("b.zip"), "x");
    Path video = Files.writeString(dir.resolve("c.mp4"), "x");
    assertTrue(assertThrows(DatasetException.class,
        () -> Datasets.open(zip + "," + video, false)).getMessage()
        .contains("c.mp4: is not a ZIP shard"));
  }

  @Test
  void aShardThatCannotBeOpenedIsAnErrorNamingItOrSkippedAndCounted() throws Exception {
    Path shards = Files.createDirectories(dir.resolve("shards"));
    for (int i = 0; i < 4; i++) {
      String name = "s-" + i + ".tfrecord";
      try (TfRecordWriter w = new TfRecordWriter(shards.resolve(name))) {
        w.write(SequenceExamples.encode(name, -1, 2, 2, "png", List.of(PNG)));
      }
    }
    Files.delete(shards.resolve("s-1.tfrecord"));
    Files.createSymbolicLink(shards.resolve("s-1.tfrecord"), dir.resolve("gone.tfrecord"));
    Files.delete(shards.resolve("s-2.tfrecord"));
    Files.createDirectories(shards.resolve("s-2.tfrecord"));
    DatasetException e = assertThrows(DatasetException.class,
        () -> Datasets.open(shards.toString(), false));
    assertTrue(e.getMessage().contains("s-1.tfrecord: is a symbolic link to a missing file"),
        e.getMessage());
    BadInputs bad = new BadInputs(true);
    try (VideoDataset data = Datasets.open(shards.toString(), bad, 0)) {
      assertEquals(2, data.size());
    }
    assertEquals(2, bad.count());
    assertTrue(bad.problems().get(1).contains("s-2.tfrecord: is not a regular file"),
        bad.problems().toString());
    Path file = dir.resolve("bad_inputs.txt");
    bad.writeTo(file);
    assertTrue(Files.readString(file).startsWith("skipped 2 bad inputs\n"), Files.readString(file));
  }

  @Test
  void frameRateIsOnlyForVideoFiles() {
    assertThrows(IllegalArgumentException.class,
        () -> Datasets.open("builtin", new BadInputs(false), 10));
  }

  private static byte[] png() {
    try {
      return ImageCodec.encode(TestVideos.random(1, 2, 2, 1), 0, ImageCodec.Format.PNG, 1f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void assertOpens(Class<?> type, int size, String spec) throws Exception {
    try (VideoDataset data = Datasets.open(spec, false)) {
      assertEquals(type, data.getClass(), spec);
      assertEquals(size, data.size(), spec);
    }
  }
}
