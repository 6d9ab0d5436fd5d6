package io.vidgan.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vidgan.data.Frames;
import org.junit.jupiter.api.Test;

class VideoGridTest {
  @Test
  void tilesVideosRowByRowWithBlackPadding() {
    // 3 videos of 2 frames, 2x2 pixels; video b frame t has value (b*2 + t) / 10 everywhere
    float[] batch = new float[3 * 2 * 2 * 2 * 3];
    for (int i = 0; i < batch.length; i++) {
      int b = i / (2 * 2 * 2 * 3);
      int t = (i / (2 * 2 * 3)) % 2;
      batch[i] = (b * 2 + t) / 10f;
    }
    Frames grid = VideoGrid.tile(batch, new long[] {3, 2, 2, 2, 3}, 2, 1);
    assertEquals(2, grid.count());
    assertEquals(5, grid.height());
    assertEquals(5, grid.width());
    assertEquals(PixelValues.toByte(0.3f), pixel(grid, 1, 0, 4));
    assertEquals(PixelValues.toByte(0.5f), pixel(grid, 1, 4, 1));
    assertEquals(0, pixel(grid, 0, 2, 2), "padding");
    assertEquals(0, pixel(grid, 0, 4, 4), "missing fourth video");
  }

  @Test
  void scaledTilesRepeatEachPixelInABlock() {
    // 2 videos of 1 frame, 2x3 pixels, value (b*6 + y*3 + x) / 20; each pixel becomes 4x4
    float[] batch = new float[2 * 2 * 3 * 3];
    for (int i = 0; i < batch.length; i++) {
      batch[i] = (i / 3) / 20f;
    }
    long[] shape = {2, 1, 2, 3, 3};
    GridLayout layout = VideoGrid.layout(shape, 4, 5, 4);
    Frames grid = VideoGrid.tile(batch, shape, layout);
    assertEquals(8, grid.height());
    assertEquals(2 * 12 + 5, grid.width());
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 12; x++) {
        assertEquals(PixelValues.toByte((y / 4 * 3 + x / 4) / 20f), pixel(grid, 0, y, x));
        assertEquals(PixelValues.toByte((6 + y / 4 * 3 + x / 4) / 20f),
            pixel(grid, 0, y, 17 + x));
      }
    }
    assertEquals(0, pixel(grid, 0, 3, 14), "padding");
  }

  @Test
  void oneVideoBecomesBytes() {
    float[] video = {-1f, 0f, 1f};
    Frames f = VideoGrid.toFrames(video, 0, 1, 1, 1);
    assertEquals(0, f.rgb()[0] & 0xff);
    assertEquals(128, f.rgb()[1] & 0xff);
    assertEquals(255, f.rgb()[2] & 0xff);
  }

  private static byte pixel(Frames f, int t, int y, int x) {
    return f.rgb()[((t * f.height() + y) * f.width() + x) * 3];
  }
}
