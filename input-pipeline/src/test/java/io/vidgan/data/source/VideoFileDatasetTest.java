package io.vidgan.data.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.vidgan.data.BadInputs;
import io.vidgan.data.DatasetException;
import io.vidgan.data.Frames;
import io.vidgan.data.TestVideos;
import io.vidgan.data.VideoInfo;
import io.vidgan.data.io.Ffmpeg;
import io.vidgan.data.io.ImageCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoFileDatasetTest {
  @TempDir
  static Path dir;

  private static Path video;
  private static Frames truth;

  @BeforeAll
  static void makeVideo() throws Exception {
    video = TestVideos.lavfi(dir.resolve("testsrc.mkv"), "testsrc", 32, 24, 12);
    truth = TestVideos.decodeAll(video, 32, 24);
  }

  private static void run(String... command) throws Exception {
    assertEquals(0, new ProcessBuilder(command).inheritIO().start().waitFor(), String.join(" ",
        command));
  }

  private static VideoFileDataset dataset(Path file, Ffmpeg ffmpeg) {
    return new VideoFileDataset(List.of(file), new int[] {-1}, ffmpeg, 0, new BadInputs(false));
  }

  @Test
  void probesSizeAndLength() throws Exception {
    VideoInfo info = dataset(video, Ffmpeg.system()).info(0);
    assertEquals(new VideoInfo(video.toString(), 12, 24, 32, -1), info);
  }

  @Test
  void readsExactlyTheFramesAskedFor() throws Exception {
    Frames clip = dataset(video, Ffmpeg.system()).read(0, 2, 4, 3);
    int n = truth.frameBytes();
    for (int k = 0; k < 4; k++) {
      assertArrayEquals(truth.frame(2 + 3 * k).rgb(),
          Arrays.copyOfRange(clip.rgb(), k * n, (k + 1) * n), "frame " + (2 + 3 * k));
    }
  }

  @Test
  void streamsEveryFrame() throws Exception {
    List<Frames> frames = new ArrayList<>();
    VideoInfo info = dataset(video, Ffmpeg.system()).forEachFrame(0, frames::add);
    assertEquals(12, info.frames());
    assertEquals(12, frames.size());
    assertArrayEquals(truth.frame(11).rgb(), frames.get(11).rgb());
  }

  @Test
  void resamplesTheFrameRate() throws Exception {
    VideoFileDataset half = new VideoFileDataset(List.of(video), new int[] {-1}, Ffmpeg.system(),
        5, new BadInputs(false));
    assertEquals(6, half.info(0).frames(), "12 frames at 10 fps resampled to 5 fps");
    assertEquals(6, half.read(0, 0, 6, 1).count());
  }

  @Test
  void rotatedVideosAreReadInDisplayOrientation() throws Exception {
    Path upright = TestVideos.lavfi(dir.resolve("upright.mp4"), "testsrc", 32, 24, 2);
    Path rotated = dir.resolve("rotated.mp4");
    Path png = dir.resolve("first.png");
    run("ffmpeg", "-v", "error", "-y", "-i", upright.toString(), "-c", "copy",
        "-metadata:s:v:0", "rotate=90", rotated.toString());
    run("ffmpeg", "-v", "error", "-y", "-i", rotated.toString(), "-frames:v", "1",
        png.toString());
    Frames shown = ImageCodec.decode(Files.readAllBytes(png), png.toString());
    assumeTrue(shown.height() == 32, "this ffmpeg does not apply the rotate tag");
    Frames first = dataset(rotated, Ffmpeg.system()).read(0, 0, 1, 1);
    assertEquals(32, first.height());
    assertEquals(24, first.width());
    assertArrayEquals(shown.rgb(), first.rgb());
  }

  @Test
  void tooShortForTheClipIsAnError() {
    DatasetException e = assertThrows(DatasetException.class,
        () -> dataset(video, Ffmpeg.system()).read(0, 0, 5, 3));
    assertTrue(e.getMessage().contains("video has 12 frames, shorter than the 13 frames needed"),
        e.getMessage());
  }

  @Test
  void undecodableFileIsAnErrorNamingIt() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.mp4"), "not a video at all");
    DatasetException e = assertThrows(DatasetException.class,
        () -> dataset(broken, Ffmpeg.system()).info(0));
    assertTrue(e.getMessage().startsWith(broken.toString()), e.getMessage());
  }

  @Test
  void missingFfmpegSaysHowToInstallIt() {
    Ffmpeg missing = new Ffmpeg("/nonexistent/bin/ffmpeg");
    DatasetException e = assertThrows(DatasetException.class,
        () -> dataset(video, missing).read(0, 0, 1, 1));
    assertTrue(e.getMessage().contains("/nonexistent/bin/ffprobe: cannot run it")
        && e.getMessage().contains("apt-get install ffmpeg"), e.getMessage());
  }

  @Test
  void directoriesOfClassFoldersAreLabelled() throws Exception {
    Path root = Files.createDirectories(dir.resolve("ucf"));
    Files.createDirectories(root.resolve("b_class"));
    Files.createDirectories(root.resolve("a_class"));
    Files.copy(video, root.resolve("b_class/x.mkv"));
    Files.copy(video, root.resolve("a_class/y.mkv"));
    VideoFileDataset data = VideoFileDataset.inDirectory(root, Ffmpeg.system(), 0,
        new BadInputs(false));
    assertEquals(2, data.size());
    assertEquals(0, data.info(0).label());
    assertTrue(data.info(0).id().endsWith("a_class/y.mkv"));
    assertEquals(1, data.info(1).label());
  }
}
