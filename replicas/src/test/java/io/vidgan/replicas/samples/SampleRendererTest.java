package io.vidgan.replicas.samples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.data.Frames;
import io.vidgan.graphs.config.Presets;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.VideoShape;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class SampleRendererTest {
  @Test
  void gridCellsAreAtLeast128PixelsAndLabelledWithTheirClass() throws Exception {
    StageConfig c = Presets.load("tiny/lres");
    VideoShape v = c.getVideo();
    int[] labels = Sampler.labels(6, c.getNumClasses());
    float[] video = new float[6 * v.getFrames() * v.getHeight() * v.getWidth() * 3];
    Arrays.fill(video, -0.2f);
    Frames labelled = SampleRenderer.grid(c, video, labels);
    Frames plain = SampleRenderer.grid(c.toBuilder().setNumClasses(0).build(), video, labels);
    // 8x8 videos enlarged 16 times; 6 videos in 4 columns and 2 rows, 4 pixels apart
    int cell = 16 * v.getHeight();
    assertTrue(cell >= SampleRenderer.MIN_CELL);
    assertEquals(2 * cell + 4, labelled.height());
    assertEquals(4 * cell + 3 * 4, labelled.width());
    assertEquals(v.getFrames(), labelled.count());
    byte grey = plain.rgb()[0];
    assertTrue(allEqual(plain.rgb(), grey, 0, cell, cell), "unconditional: no label");
    for (int i = 0; i < labels.length; i++) {
      int top = (i / 4) * (cell + 4);
      int left = (i % 4) * (cell + 4);
      assertFalse(allEqual(labelled.rgb(), grey, top * labelled.width() + left, 12, 12),
          "label of video " + i);
      assertTrue(allEqual(labelled.rgb(), grey, (top + cell / 2) * labelled.width() + left,
          cell / 2, cell), "the rest of cell " + i);
    }
  }

  /** Whether {@code rows x cols} pixels of a grid frame from pixel {@code first} are all grey. */
  private static boolean allEqual(byte[] rgb, byte grey, int first, int rows, int cols) {
    int width = 4 * 128 + 3 * 4;
    for (int y = 0; y < rows; y++) {
      for (int x = 0; x < cols * 3; x++) {
        if (rgb[(first + y * width) * 3 + x] != grey) {
          return false;
        }
      }
    }
    return true;
  }
}
