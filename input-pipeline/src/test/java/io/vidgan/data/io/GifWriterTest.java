package io.vidgan.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.data.Frames;
import io.vidgan.ops.testing.Stderr;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GifWriterTest {
  private static final String IMAGE_FORMAT = "javax_imageio_gif_image_1.0";
  private static final String STREAM_FORMAT = "javax_imageio_gif_stream_1.0";

  @TempDir
  Path dir;

  @Test
  void videoWithAtMost256ColoursRoundTripsExactlyWithOnePalette() throws Exception {
    // 256 random colours; frame f uses colours [32f, 32f + 96), so no frame alone has them all
    Random random = new Random(7);
    int[] colours = random.ints(256, 0, 1 << 24).toArray();
    Frames video = frames(6, 17, 23, (f, y, x) -> colours[32 * f + random.nextInt(96)]);
    Path gif = write(video);
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
      reader.setInput(in);
      assertEquals(video.count(), reader.getNumImages(true));
      for (int f = 0; f < video.count(); f++) {
        BufferedImage image = reader.read(f);
        for (int y = 0; y < video.height(); y++) {
          for (int x = 0; x < video.width(); x++) {
            assertEquals(rgb(video, f, y, x), image.getRGB(x, y) & 0xffffff,
                "frame " + f + " pixel " + y + "," + x);
          }
        }
        IIOMetadataNode frame = (IIOMetadataNode) reader.getImageMetadata(f)
            .getAsTree(IMAGE_FORMAT);
        assertEquals(0, frame.getElementsByTagName("LocalColorTable").getLength());
      }
      IIOMetadataNode stream = (IIOMetadataNode) reader.getStreamMetadata()
          .getAsTree(STREAM_FORMAT);
      assertEquals(1, stream.getElementsByTagName("GlobalColorTable").getLength());
    }
    assertFalse(Files.exists(dir.resolve("v.gif.rgb.tmp")), "spilled frames removed");
    assertFalse(Files.exists(dir.resolve("v.gif.tmp")));
  }

  @Test
  void flatAreaStaysOneColourBesideManyColours() throws Exception {
    // left half a flat colour between the levels of any fixed palette, right half a gradient
    // of 4 * 32 * 32 = 4096 colours (too many for a lossless palette)
    int flat = 0x6496c8;
    Frames video = frames(4, 32, 64, (f, y, x) -> x < 32 ? flat
        : (4 * (x - 32) + f) << 16 | (4 * y) << 8 | 3 * f);
    Path gif = write(video);
    try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
      reader.setInput(in);
      for (int f = 0; f < video.count(); f++) {
        BufferedImage image = reader.read(f);
        int[] index = image.getRaster().getSamples(0, 0, 32, 32, 0, (int[]) null);
        assertEquals(1, Arrays.stream(index).distinct().count(), "palette indices in frame " + f);
        assertEquals(flat, image.getRGB(0, 0) & 0xffffff, "a distinct flat colour is kept");
      }
    }
  }

  /**
   * An unwritable GIF is an IOException naming the file, with nothing printed (ImageIO's
   * createImageOutputStream(File) prints a stack trace and returns null): a missing directory
   * fails on the first file written, a directory in the temporary GIF's place when encoding.
   */
  @Test
  void unwritableGifIsAnErrorNamingTheFileWithNothingPrinted() throws Exception {
    Frames video = frames(2, 4, 4, (f, y, x) -> 0x102030 * f);
    Stderr opened = Stderr.capture(() -> failure(dir.resolve("missing/v.gif"), video,
        "missing/v.gif"));
    Files.createDirectories(dir.resolve("v.gif.tmp"));
    Stderr encoded = Stderr.capture(() -> failure(dir.resolve("v.gif"), video, "v.gif.tmp"));
    assertEquals("", opened.text() + encoded.text());
  }

  private static int failure(Path gif, Frames video, String named) {
    IOException e = assertThrows(IOException.class, () -> write(gif, video));
    assertTrue(e.getMessage().contains(named), e.getMessage());
    return 0;
  }

  @Test
  void manyColoursAreQuantisedCloseToTheVideo() {
    // uniform random colours: 256 equal cubes would have side 256 / 256^(1/3) = 40.3, whose
    // points lie s/4 = 10.1 from their centre per channel on average; allow a third more
    Random random = new Random(11);
    byte[] rgb = new byte[3 * 20_000];
    random.nextBytes(rgb);
    AdaptivePalette.Collector collector = new AdaptivePalette.Collector();
    collector.add(rgb);
    AdaptivePalette palette = collector.palette();
    assertFalse(palette.exact());
    assertEquals(AdaptivePalette.MAX_COLOURS, palette.colours().length);
    int[] colours = palette.colours();
    byte[] index = new byte[rgb.length / 3];
    palette.map(rgb, index);
    double error = 0;
    for (int p = 0; p < index.length; p++) {
      int c = colours[index[p] & 0xff];
      error += Math.abs((rgb[3 * p] & 0xff) - (c >> 16))
          + Math.abs((rgb[3 * p + 1] & 0xff) - ((c >> 8) & 0xff))
          + Math.abs((rgb[3 * p + 2] & 0xff) - (c & 0xff));
    }
    error /= rgb.length;
    assertTrue(error < 13.5, "mean absolute error per channel " + error);
  }

  /** The colour of pixel {@code (y, x)} of frame {@code f}, {@code 0xRRGGBB}. */
  private interface Pattern {
    int colour(int f, int y, int x);
  }

  private static Frames frames(int count, int height, int width, Pattern pattern) {
    byte[] rgb = new byte[count * height * width * 3];
    for (int f = 0; f < count; f++) {
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int c = pattern.colour(f, y, x);
          int p = ((f * height + y) * width + x) * 3;
          rgb[p] = (byte) (c >> 16);
          rgb[p + 1] = (byte) (c >> 8);
          rgb[p + 2] = (byte) c;
        }
      }
    }
    return new Frames(count, height, width, rgb);
  }

  private static int rgb(Frames video, int f, int y, int x) {
    int p = ((f * video.height() + y) * video.width() + x) * 3;
    byte[] b = video.rgb();
    return (b[p] & 0xff) << 16 | (b[p + 1] & 0xff) << 8 | (b[p + 2] & 0xff);
  }

  private Path write(Frames video) throws Exception {
    return write(dir.resolve("v.gif"), video);
  }

  private static Path write(Path path, Frames video) throws IOException {
    try (VideoWriter w = VideoWriters.open(path, video.width(), video.height(), 10)) {
      for (int f = 0; f < video.count(); f++) {
        w.write(video.frame(f).rgb());
      }
    }
    return path;
  }
}
