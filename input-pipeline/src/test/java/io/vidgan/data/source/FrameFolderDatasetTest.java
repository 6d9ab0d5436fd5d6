package io.vidgan.data.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.data.BadInputs;
import io.vidgan.data.DatasetException;
import io.vidgan.data.Frames;
import io.vidgan.data.TestVideos;
import io.vidgan.data.io.ImageCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FrameFolderDatasetTest {
  private static final Frames A = TestVideos.random(5, 6, 8, 1);
  private static final Frames B = TestVideos.random(3, 6, 8, 2);

  @TempDir
  Path root;

  @Test
  void readsFramesWithStrideInNaturalOrder() throws Exception {
    TestVideos.pngFolder(root.resolve("video_a"), A);
    Files.move(root.resolve("video_a/000004.png"), root.resolve("video_a/frame_10.png"));
    Files.move(root.resolve("video_a/000002.png"), root.resolve("video_a/frame_9.png"));
    Files.writeString(root.resolve("video_a/notes.txt"), "ignored");
    TestVideos.pngFolder(root.resolve("video_b"), B);
    FrameFolderDataset data = new FrameFolderDataset(root, new BadInputs(false));
    assertEquals(2, data.size());
    assertEquals(5, data.info(0).frames());
    assertEquals(-1, data.info(0).label());
    Frames read = data.read(0, 1, 2, 2);
    // natural order: 000000, 000001, 000003, frame_9 (was 2), frame_10 (was 4)
    assertArrayEquals(Arrays.copyOfRange(A.rgb(), A.frameBytes(), 2 * A.frameBytes()),
        Arrays.copyOfRange(read.rgb(), 0, A.frameBytes()));
    assertArrayEquals(A.frame(2).rgb(),
        Arrays.copyOfRange(read.rgb(), A.frameBytes(), 2 * A.frameBytes()));
  }

  @Test
  void classFoldersGiveLabels() throws Exception {
    TestVideos.pngFolder(root.resolve("swim/v1"), B);
    TestVideos.pngFolder(root.resolve("jump/v2"), B);
    FrameFolderDataset data = new FrameFolderDataset(root, new BadInputs(false));
    assertEquals(0, data.info(0).label(), data.info(0).id());
    assertTrue(data.info(0).id().endsWith("jump/v2"));
    assertEquals(1, data.info(1).label());
  }

  @Test
  void emptyFolderIsAnErrorOrSkipped() throws Exception {
    TestVideos.pngFolder(root.resolve("video_a"), A);
    Files.createDirectories(root.resolve("video_empty"));
    DatasetException e = assertThrows(DatasetException.class,
        () -> new FrameFolderDataset(root, new BadInputs(false)));
    assertTrue(e.getMessage().contains("video_empty: empty folder"), e.getMessage());
    BadInputs skip = new BadInputs(true);
    assertEquals(1, new FrameFolderDataset(root, skip).size());
    assertEquals(1, skip.count());
  }

  @Test
  void folderWithoutVideosIsAnError() throws Exception {
    DatasetException e = assertThrows(DatasetException.class,
        () -> new FrameFolderDataset(root, new BadInputs(true)));
    assertTrue(e.getMessage().contains("no frame folders"), e.getMessage());
  }

  @Test
  void mixedFrameSizesAreAnErrorNamingTheFrame() throws Exception {
    TestVideos.pngFolder(root.resolve("v"), A);
    Files.write(root.resolve("v/000003.png"), ImageCodec.encode(TestVideos.random(1, 7, 8, 3), 0,
        ImageCodec.Format.PNG, 1f));
    FrameFolderDataset data = new FrameFolderDataset(root, new BadInputs(false));
    data.read(0, 0, 3, 1);
    DatasetException e = assertThrows(DatasetException.class, () -> data.read(0, 0, 5, 1));
    assertTrue(e.getMessage().contains("000003.png: frame is 7x8 but the first frame")
        && e.getMessage().contains("mixed sizes"), e.getMessage());
  }

  @Test
  void undecodableFrameIsAnErrorNamingTheFrame() throws Exception {
    TestVideos.pngFolder(root.resolve("v"), A);
    Files.writeString(root.resolve("v/000001.png"), "not a png");
    FrameFolderDataset data = new FrameFolderDataset(root, new BadInputs(false));
    DatasetException e = assertThrows(DatasetException.class, () -> data.read(0, 0, 2, 1));
    assertTrue(e.getMessage().contains("000001.png: cannot decode frame"), e.getMessage());
  }

  @Test
  void tooShortForTheClipIsAnErrorNamingTheVideo() throws Exception {
    TestVideos.pngFolder(root.resolve("short"), B);
    FrameFolderDataset data = new FrameFolderDataset(root, new BadInputs(false));
    DatasetException e = assertThrows(DatasetException.class, () -> data.read(0, 0, 3, 2));
    assertTrue(e.getMessage().contains("short: video has 3 frames, shorter than the 5 frames "
        + "needed"), e.getMessage());
  }
}
