package io.vidgan.data.io;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A built-in 3x5 pixel font for the digits, so that labels can be drawn into frames on any
 * machine (AWT text needs fonts and fontconfig, which a headless JDK may lack).
 */
public final class BitmapFont {
  /** Glyph size in font pixels; glyphs are set one font pixel apart. */
  public static final int GLYPH_WIDTH = 3;
  public static final int GLYPH_HEIGHT = 5;

  /** Each digit's glyph, rows top to bottom separated by {@code '|'}, {@code '#'} for ink. */
  private static final String[] DIGITS = {
    "###|# #|# #|# #|###",
    " # |## | # | # |###",
    "###|  #|###|#  |###",
    "###|  #|###|  #|###",
    "# #|# #|###|  #|  #",
    "###|#  |###|  #|###",
    "###|#  |###|# #|###",
    "###|  #|  #|  #|  #",
    "###|# #|###|# #|###",
    "###|# #|###|  #|###",
  };

  private BitmapFont() {}

  /**
   * The pixels of {@code text}: {@code [GLYPH_HEIGHT][width]} with {@code width = 4 * length -
   * 1}, true where ink is.
   *
   * @throws IllegalArgumentException for a character the font does not have
   */
  public static boolean[][] render(String text) {
    checkArgument(!text.isEmpty(), "nothing to render");
    boolean[][] mask = new boolean[GLYPH_HEIGHT][(GLYPH_WIDTH + 1) * text.length() - 1];
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      checkArgument(c >= '0' && c <= '9', "the bitmap font has digits only, got '%s' in \"%s\"",
          c, text);
      String glyph = DIGITS[c - '0'].replace("|", "");
      for (int p = 0; p < GLYPH_WIDTH * GLYPH_HEIGHT; p++) {
        mask[p / GLYPH_WIDTH][i * (GLYPH_WIDTH + 1) + p % GLYPH_WIDTH] = glyph.charAt(p) == '#';
      }
    }
    return mask;
  }
}
