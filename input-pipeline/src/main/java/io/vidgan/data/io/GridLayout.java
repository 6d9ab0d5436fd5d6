package io.vidgan.data.io;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Where the videos of a batch sit in a grid of frames: video {@code v} in row {@code v /
 * columns}, column {@code v % columns}, each in a cell of {@code cellHeight x cellWidth} pixels,
 * with {@code padding} black pixels between (not around) cells.
 */
public record GridLayout(int videos, int columns, int cellHeight, int cellWidth, int padding) {
  public GridLayout {
    checkArgument(videos >= 1 && columns >= 1 && columns <= videos,
        "bad grid: %s videos in %s columns", videos, columns);
    checkArgument(cellHeight >= 1 && cellWidth >= 1 && padding >= 0,
        "bad grid: cells %sx%s, padding %s", cellHeight, cellWidth, padding);
  }

  public int rows() {
    return (videos + columns - 1) / columns;
  }

  /** Grid height in pixels. */
  public int height() {
    return rows() * cellHeight + (rows() - 1) * padding;
  }

  /** Grid width in pixels. */
  public int width() {
    return columns * cellWidth + (columns - 1) * padding;
  }

  /** The first pixel row of video {@code v}'s cell. */
  public int top(int v) {
    return (v / columns) * (cellHeight + padding);
  }

  /** The first pixel column of video {@code v}'s cell. */
  public int left(int v) {
    return (v % columns) * (cellWidth + padding);
  }
}
