package io.vidgan.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.data.Frames;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

class CellLabelsTest {
  // 3 videos of 2 frames in 2 columns, cells 128x128 (a font pixel is 3 grid pixels)
  private static final GridLayout LAYOUT = new GridLayout(3, 2, 128, 128, 4);
  private static final byte GREY = 77;

  @Test
  void labelsChangeOnlyTheCornerOfEachCell() {
    Frames grid = grey();
    CellLabels.draw(grid, LAYOUT, new int[] {0, 1, 23});
    Frames plain = grey();
    for (int v = 0; v < 3; v++) {
      int top = LAYOUT.top(v);
      int left = LAYOUT.left(v);
      // "23" is 7 font pixels wide, plus margins 9 by 7 font pixels: 27 x 21 grid pixels
      int width = v == 2 ? 27 : 15;
      for (int f = 0; f < 2; f++) {
        assertFalse(Arrays.equals(region(grid, f, top, left, 21, width),
            region(plain, f, top, left, 21, width)), "label of video " + v + " frame " + f);
        assertTrue(Arrays.equals(region(grid, f, top + 21, left, 128 - 21, 128),
            region(plain, f, top + 21, left, 128 - 21, 128)), "below the label");
        assertTrue(Arrays.equals(region(grid, f, top, left + width, 21, 128 - width),
            region(plain, f, top, left + width, 21, 128 - width)), "right of the label");
      }
    }
    assertEquals(-1, pixel(grid, 1, 3, 3), "ink: the top-left font pixel of the 0, last frame");
    assertEquals(0, pixel(grid, 1, 6, 6), "the hole in the 0");
    assertEquals(0, pixel(grid, 1, 0, 0), "margin");
  }

  @Test
  void differentClassesLookDifferent() {
    Frames a = grey();
    Frames b = grey();
    CellLabels.draw(a, LAYOUT, new int[] {3, 3, 3});
    CellLabels.draw(b, LAYOUT, new int[] {3, 8, 3});
    assertTrue(Arrays.equals(region(a, 0, 0, 0, 21, 15), region(b, 0, 0, 0, 21, 15)));
    assertNotEquals(Arrays.toString(region(a, 0, 0, 132, 21, 15)),
        Arrays.toString(region(b, 0, 0, 132, 21, 15)));
  }

  private static Frames grey() {
    byte[] rgb = new byte[2 * LAYOUT.height() * LAYOUT.width() * 3];
    Arrays.fill(rgb, GREY);
    return new Frames(2, LAYOUT.height(), LAYOUT.width(), rgb);
  }

  private static byte pixel(Frames f, int t, int y, int x) {
    return f.rgb()[((t * f.height() + y) * f.width() + x) * 3];
  }

  private static byte[] region(Frames f, int t, int top, int left, int height, int width) {
    byte[] out = new byte[height * width * 3];
    for (int y = 0; y < height; y++) {
      System.arraycopy(f.rgb(), ((t * f.height() + top + y) * f.width() + left) * 3, out,
          y * width * 3, width * 3);
    }
    return out;
  }
}
