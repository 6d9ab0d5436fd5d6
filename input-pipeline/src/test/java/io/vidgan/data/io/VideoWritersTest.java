package io.vidgan.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.data.BadInputs;
import io.vidgan.data.DatasetException;
import io.vidgan.data.Frames;
import io.vidgan.data.TestVideos;
import io.vidgan.data.builtin.BuiltinDataset;
import io.vidgan.data.source.FrameFolderDataset;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VideoWritersTest {
  private static Frames video;

  @TempDir
  Path dir;

  @BeforeAll
  static void render() throws Exception {
    video = new BuiltinDataset(BuiltinDataset.Options.parse("height=24,width=34"),
        new BadInputs(false)).read(1, 0, 6, 1);
  }

  @Test
  void pngFolderIsLossless() throws Exception {
    Path out = write("frames");
    Frames back = new FrameFolderDataset(dir, new BadInputs(false)).read(0, 0, 6, 1);
    assertArrayEquals(video.rgb(), back.rgb());
    try (var files = Files.list(out)) {
      assertEquals(6, files.count(), "no temporary files left");
    }
  }

  @Test
  void gifLoopsAtItsFrameRate() throws Exception {
    Path gif = write("v.gif");
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
      reader.setInput(in);
      assertEquals(6, reader.getNumImages(true));
      for (int i = 0; i < 6; i++) {
        assertEquals(24, reader.getHeight(i));
        assertEquals(34, reader.getWidth(i));
      }
      IIOMetadataNode root = (IIOMetadataNode) reader.getImageMetadata(0)
          .getAsTree("javax_imageio_gif_image_1.0");
      assertEquals("NETSCAPE", ((IIOMetadataNode) root.getElementsByTagName(
          "ApplicationExtension").item(0)).getAttribute("applicationID"));
      assertEquals("10", ((IIOMetadataNode) root.getElementsByTagName(
          "GraphicControlExtension").item(0)).getAttribute("delayTime"));
    }
    assertFalse(Files.exists(dir.resolve("v.gif.tmp")));
  }

  @Test
  void mp4DecodesBackCloseToTheFrames() throws Exception {
    Path mp4 = write("v.mp4");
    Frames back = TestVideos.decodeAll(mp4);
    assertEquals(6, back.count());
    assertTrue(TestVideos.meanAbsDiff(video, back) < 12,
        "H.264 error " + TestVideos.meanAbsDiff(video, back));
    assertFalse(Files.exists(dir.resolve("v.mp4.tmp")));
  }

  @Test
  void mp4OfOddSizeIsPaddedWithBlack() throws Exception {
    Path mp4 = dir.resolve("odd.mp4");
    Frames odd = TestVideos.pattern(3, 23, 33);
    try (VideoWriter w = VideoWriters.open(mp4, 33, 23, 10)) {
      for (int i = 0; i < 3; i++) {
        w.write(odd.frame(i).rgb());
      }
    }
    Frames back = TestVideos.decodeAll(mp4);
    assertEquals(24, back.height());
    assertEquals(34, back.width());
    int corner = ((24 * 34) - 1) * 3;
    assertTrue((back.rgb()[corner] & 0xff) < 40, "padding is black");
  }

  @Test
  void mp4InAMissingDirectoryIsAnErrorNamingTheFile() {
    Path target = dir.resolve("missing/v.mp4");
    DatasetException e = assertThrows(DatasetException.class,
        () -> VideoWriters.open(target, 8, 8, 10));
    assertTrue(e.getMessage().startsWith(target.resolveSibling("v.mp4.tmp").toString()),
        e.getMessage());
  }

  @Test
  void unknownExtensionIsRejectedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> VideoWriters.open(dir.resolve("v.avi"), 8, 8, 10));
    assertTrue(e.getMessage().contains(".avi"), e.getMessage());
  }

  private Path write(String name) throws Exception {
    Path path = dir.resolve(name);
    try (VideoWriter w = VideoWriters.open(path, 34, 24, 10)) {
      for (int i = 0; i < video.count(); i++) {
        w.write(video.frame(i).rgb());
      }
    }
    return path;
  }
}
