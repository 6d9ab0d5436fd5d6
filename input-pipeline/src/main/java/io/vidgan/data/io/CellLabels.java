package io.vidgan.data.io;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.data.Frames;

/**
 * Writes each video's class into the top-left corner of its grid cell, in every frame: white
 * {@link BitmapFont} digits on a black box, one font pixel of margin, scaled with the cell (a
 * font pixel is {@code max(1, min(cellHeight, cellWidth) / 40)} grid pixels) and clipped to it.
 */
public final class CellLabels {
  private static final int CELL_PER_FONT_PIXEL = 40;

  private CellLabels() {}

  /**
   * Draws {@code labels[v]} into video {@code v}'s cell of {@code grid}, in place.
   *
   * @param grid frames laid out by {@code layout}
   * @param labels one non-negative class per video of the layout
   */
  public static void draw(Frames grid, GridLayout layout, int[] labels) {
    checkArgument(grid.height() == layout.height() && grid.width() == layout.width(),
        "grid %sx%s does not match layout %s", grid.height(), grid.width(), layout);
    checkArgument(labels.length == layout.videos(), "%s labels for %s videos", labels.length,
        layout.videos());
    int scale = Math.max(1, Math.min(layout.cellHeight(), layout.cellWidth())
        / CELL_PER_FONT_PIXEL);
    for (int v = 0; v < labels.length; v++) {
      checkArgument(labels[v] >= 0, "label %s of video %s is negative", labels[v], v);
      boolean[][] text = BitmapFont.render(Integer.toString(labels[v]));
      int height = Math.min(layout.cellHeight(), (text.length + 2) * scale);
      int width = Math.min(layout.cellWidth(), (text[0].length + 2) * scale);
      for (int f = 0; f < grid.count(); f++) {
        for (int y = 0; y < height; y++) {
          int row = (f * grid.height() + layout.top(v) + y) * grid.width() + layout.left(v);
          for (int x = 0; x < width; x++) {
            byte ink = inked(text, y / scale - 1, x / scale - 1) ? (byte) 255 : 0;
            int p = (row + x) * 3;
            grid.rgb()[p] = ink;
            grid.rgb()[p + 1] = ink;
            grid.rgb()[p + 2] = ink;
          }
        }
      }
    }
  }

  private static boolean inked(boolean[][] text, int y, int x) {
    return y >= 0 && y < text.length && x >= 0 && x < text[0].length && text[y][x];
  }
}
