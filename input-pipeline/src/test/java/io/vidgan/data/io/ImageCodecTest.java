package io.vidgan.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.data.DatasetException;
import io.vidgan.data.Frames;
import io.vidgan.data.TestVideos;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

class ImageCodecTest {
  private static final Frames FRAME = TestVideos.random(1, 12, 20, 5);

  @Test
  void pngRoundTripIsExact() throws Exception {
    byte[] png = ImageCodec.encode(FRAME, 0, ImageCodec.Format.PNG, 1f);
    Frames back = ImageCodec.decode(png, "f.png");
    assertEquals(12, back.height());
    assertEquals(20, back.width());
    assertArrayEquals(FRAME.rgb(), back.rgb());
    assertArrayEquals(new int[] {12, 20}, ImageCodec.size(png, "f.png"));
  }

  @Test
  void jpegRoundTripOfASmoothImageIsClose() throws Exception {
    byte[] rgb = new byte[32 * 32 * 3];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = (byte) (((i / 3) % 32) * 8);
    }
    Frames smooth = new Frames(1, 32, 32, rgb);
    Frames back = ImageCodec.decode(ImageCodec.encode(smooth, 0, ImageCodec.Format.JPEG, 0.95f),
        "f.jpg");
    assertTrue(TestVideos.meanAbsDiff(smooth, back) < 3, "JPEG q95 error too large");
  }

  @Test
  void greyImagesAreReplicatedToRgb() throws Exception {
    BufferedImage grey = new BufferedImage(3, 2, BufferedImage.TYPE_BYTE_GRAY);
    grey.getRaster().setSample(1, 0, 0, 200);
    ByteArrayOutputStream png = new ByteArrayOutputStream();
    ImageIO.write(grey, "png", png);
    Frames back = ImageCodec.decode(png.toByteArray(), "grey.png");
    assertArrayEquals(new byte[] {(byte) 200, (byte) 200, (byte) 200},
        Arrays.copyOfRange(back.rgb(), 3, 6));
  }

  @Test
  void garbageIsAnErrorNamingTheFrame() {
    DatasetException e = assertThrows(DatasetException.class,
        () -> ImageCodec.decode("not an image".getBytes(), "video_a/000007.jpg"));
    assertTrue(e.getMessage().startsWith("video_a/000007.jpg: cannot decode frame"),
        e.getMessage());
  }

  @Test
  void truncatedJpegIsAnErrorNotAGreyFrame() throws Exception {
    byte[] jpeg = ImageCodec.encode(FRAME, 0, ImageCodec.Format.JPEG, 0.9f);
    byte[] cut = Arrays.copyOf(jpeg, jpeg.length / 2);
    DatasetException e = assertThrows(DatasetException.class,
        () -> ImageCodec.decode(cut, "cut.jpg"));
    assertTrue(e.getMessage().startsWith("cut.jpg: "), e.getMessage());
  }

  @Test
  void truncatedPngIsAnError() throws Exception {
    byte[] png = ImageCodec.encode(FRAME, 0, ImageCodec.Format.PNG, 1f);
    byte[] cut = Arrays.copyOf(png, png.length - 40);
    assertThrows(DatasetException.class, () -> ImageCodec.decode(cut, "cut.png"));
  }
}
