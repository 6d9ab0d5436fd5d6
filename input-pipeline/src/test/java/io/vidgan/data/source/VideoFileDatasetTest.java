package io.vidgan.data.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.data.BadInputs;
import io.vidgan.data.DatasetException;
import io.vidgan.data.Frames;
import io.vidgan.data.TestVideos;
import io.vidgan.data.VideoInfo;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class VideoFileDatasetTest {
  @TempDir
  static Path dir;

  private static Path video;
  private static Frames truth;

  /** A lossless video: decoding must give back exactly the frames encoded. */
  @BeforeAll
  static void makeVideo() throws Exception {
    truth = TestVideos.pattern(12, 24, 32);
    video = TestVideos.encode(dir.resolve("testsrc.mkv"), truth, TestVideos.FFV1, 10);
  }

  private static VideoFileDataset dataset(Path file, double fps) {
    return new VideoFileDataset(List.of(file), new int[] {-1}, fps, new BadInputs(false));
  }

  private static void assertFrames(Frames expected, int[] frames, Frames clip) {
    int n = expected.frameBytes();
    for (int k = 0; k < frames.length; k++) {
      assertArrayEquals(expected.frame(frames[k]).rgb(),
          Arrays.copyOfRange(clip.rgb(), k * n, (k + 1) * n), "frame " + frames[k]);
    }
  }

  @Test
  void probesSizeAndLength() throws Exception {
    assertEquals(new VideoInfo(video.toString(), 12, 24, 32, -1), dataset(video, 0).info(0));
  }

  @Test
  void readsExactlyTheFramesAskedFor() throws Exception {
    assertFrames(truth, new int[] {2, 5, 8, 11}, dataset(video, 0).read(0, 2, 4, 3));
  }

  @Test
  void seeksIntoInterCodedVideoAndDecodesTheSameFramesAsFromTheStart() throws Exception {
    Path h264 = TestVideos.encode(dir.resolve("gop4.mp4"), TestVideos.pattern(20, 24, 32),
        TestVideos.H264_GOP4, 10);
    Frames sequential = TestVideos.decodeAll(h264);
    assertEquals(20, sequential.count());
    for (int from : new int[] {0, 3, 4, 9, 17}) {
      assertFrames(sequential, new int[] {from, from + 1}, dataset(h264, 0).read(0, from, 2, 1));
    }
  }

  @Test
  void streamsEveryFrame() throws Exception {
    List<Frames> frames = new ArrayList<>();
    VideoInfo info = dataset(video, 0).forEachFrame(0, frames::add);
    assertEquals(12, info.frames());
    assertEquals(12, frames.size());
    for (int i = 0; i < 12; i++) {
      assertArrayEquals(truth.frame(i).rgb(), frames.get(i).rgb(), "frame " + i);
    }
  }

  @Test
  void resamplesTheFrameRateAsFfmpegsFpsFilter() throws Exception {
    VideoFileDataset half = dataset(video, 5);
    assertEquals(6, half.info(0).frames(), "12 frames at 10 fps resampled to 5 fps");
    assertFrames(truth, new int[] {0, 2, 4, 6, 8, 10}, half.read(0, 0, 6, 1));
    List<Frames> streamed = new ArrayList<>();
    half.forEachFrame(0, streamed::add);
    assertEquals(6, streamed.size());
    assertArrayEquals(truth.frame(10).rgb(), streamed.get(5).rgb());
    VideoFileDataset doubled = dataset(video, 20);
    assertEquals(24, doubled.info(0).frames());
    assertFrames(truth, new int[] {3, 3, 4}, doubled.read(0, 6, 3, 1));
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 3})
  void rotatedVideosAreReadInDisplayOrientation(int turns) throws Exception {
    Frames upright = TestVideos.pattern(2, 24, 32);
    Path rotated = TestVideos.encode(dir.resolve("rotated" + turns + ".mov"), upright,
        TestVideos.PNG_MOV, 10, turns);
    VideoFileDataset data = dataset(rotated, 0);
    int height = turns % 2 == 1 ? 32 : 24;
    assertEquals(new VideoInfo(rotated.toString(), 2, height, 56 - height, -1), data.info(0));
    Frames first = data.read(0, 1, 1, 1);
    byte[] up = upright.frame(1).rgb();
    for (int y = 0; y < 24; y++) {
      for (int x = 0; x < 32; x++) {
        int[] rc = switch (turns) {
          case 1 -> new int[] {x, 23 - y};
          case 2 -> new int[] {23 - y, 31 - x};
          default -> new int[] {31 - x, y};
        };
        int shown = (rc[0] * first.width() + rc[1]) * 3;
        assertArrayEquals(Arrays.copyOfRange(up, (y * 32 + x) * 3, (y * 32 + x) * 3 + 3),
            Arrays.copyOfRange(first.rgb(), shown, shown + 3), "pixel " + y + "," + x);
      }
    }
  }

  @Test
  void tooShortForTheClipIsAnError() {
    DatasetException e = assertThrows(DatasetException.class,
        () -> dataset(video, 0).read(0, 0, 5, 3));
    assertTrue(e.getMessage().contains("video has 12 frames, shorter than the 13 frames needed"),
        e.getMessage());
  }

  @Test
  void undecodableFileIsAnErrorNamingIt() throws Exception {
    Path broken = Files.writeString(dir.resolve("broken.mp4"), "not a video at all");
    DatasetException e = assertThrows(DatasetException.class, () -> dataset(broken, 0).info(0));
    assertTrue(e.getMessage().startsWith(broken.toString()), e.getMessage());
  }

  @Test
  void truncatedFileKeepsWhatIsThereAndNamesTheFileForTheRest() throws Exception {
    byte[] whole = Files.readAllBytes(video);
    Path cut = Files.write(dir.resolve("cut.mkv"), Arrays.copyOf(whole, whole.length / 2));
    VideoFileDataset data = dataset(cut, 0);
    int frames = data.info(0).frames();
    assertTrue(frames > 0 && frames < 12, frames + " frames in half a file");
    assertFrames(truth, new int[] {0}, data.read(0, 0, 1, 1));
    DatasetException e = assertThrows(DatasetException.class, () -> data.read(0, 0, 12, 1));
    assertTrue(e.getMessage().startsWith(cut.toString()), e.getMessage());
  }

  @Test
  void directoriesOfClassFoldersAreLabelled() throws Exception {
    Path root = Files.createDirectories(dir.resolve("ucf"));
    Files.createDirectories(root.resolve("b_class"));
    Files.createDirectories(root.resolve("a_class"));
    Files.copy(video, root.resolve("b_class/x.mkv"));
    Files.copy(video, root.resolve("a_class/y.mkv"));
    VideoFileDataset data = VideoFileDataset.inDirectory(root, 0, new BadInputs(false));
    assertEquals(2, data.size());
    assertEquals(0, data.info(0).label());
    assertTrue(data.info(0).id().endsWith("a_class/y.mkv"));
    assertEquals(1, data.info(1).label());
  }
}
