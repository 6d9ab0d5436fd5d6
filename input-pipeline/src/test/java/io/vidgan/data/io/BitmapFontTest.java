package io.vidgan.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class BitmapFontTest {
  @Test
  void digitsAreDistinctAndInked() {
    for (int a = 0; a <= 9; a++) {
      boolean[][] glyph = BitmapFont.render(Integer.toString(a));
      assertEquals(BitmapFont.GLYPH_HEIGHT, glyph.length);
      assertEquals(BitmapFont.GLYPH_WIDTH, glyph[0].length);
      assertTrue(Arrays.stream(glyph).anyMatch(row -> row[0] || row[1] || row[2]), "" + a);
      for (int b = 0; b < a; b++) {
        assertFalse(Arrays.deepEquals(glyph, BitmapFont.render(Integer.toString(b))),
            a + " and " + b + " look the same");
      }
    }
  }

  @Test
  void textIsGlyphsOnePixelApart() {
    boolean[][] text = BitmapFont.render("17");
    boolean[][] one = BitmapFont.render("1");
    boolean[][] seven = BitmapFont.render("7");
    assertEquals(7, text[0].length);
    for (int y = 0; y < BitmapFont.GLYPH_HEIGHT; y++) {
      assertArrayEquals(one[y], Arrays.copyOfRange(text[y], 0, 3));
      assertFalse(text[y][3], "gap");
      assertArrayEquals(seven[y], Arrays.copyOfRange(text[y], 4, 7));
    }
  }

  @Test
  void lettersAreRejectedByName() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BitmapFont.render("1a"));
    assertTrue(e.getMessage().contains("'a'"), e.getMessage());
  }

  private static void assertArrayEquals(boolean[] expected, boolean[] actual) {
    assertTrue(Arrays.equals(expected, actual),
        Arrays.toString(expected) + " vs " + Arrays.toString(actual));
  }
}
