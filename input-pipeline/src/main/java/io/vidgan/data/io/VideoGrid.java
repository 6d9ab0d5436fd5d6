package io.vidgan.data.io;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.data.Frames;
import java.util.Arrays;

/**
 * Turns generated videos (float {@code [-1, 1]}) into 8-bit frames for the video writers: one
 * video {@code [T, H, W, 3]}, or a batch {@code [B, T, H, W, 3]} tiled into a grid of {@code
 * columns} videos per row with black padding between them.
 */
public final class VideoGrid {
  private VideoGrid() {}

  /**
   * @param video row-major {@code [frames, height, width, 3]} values in {@code [-1, 1]} starting
   *     at {@code offset}
   */
  public static Frames toFrames(float[] video, int offset, int frames, int height, int width) {
    checkArgument(offset >= 0 && offset + (long) frames * height * width * 3 <= video.length,
        "video [%s, %s, %s, 3] at offset %s does not fit in %s values", frames, height, width,
        offset, video.length);
    return new Frames(frames, height, width,
        PixelValues.toBytes(video, offset, frames * height * width * 3));
  }

  /**
   * Tiles a batch into a grid, video {@code b} at row {@code b / columns}, column {@code b %
   * columns}.
   *
   * @param batch row-major {@code [B, T, H, W, 3]} in {@code [-1, 1]}
   * @param shape {@code {B, T, H, W, 3}}
   * @param padding black pixels between (not around) videos
   * @return {@code T} frames of {@code rows*H + (rows-1)*padding} by {@code columns*W +
   *     (columns-1)*padding}
   */
  public static Frames tile(float[] batch, long[] shape, int columns, int padding) {
    return tile(batch, shape, layout(shape, columns, padding, 1));
  }

  /**
   * The layout of a batch of {@code shape} {@code [B, T, H, W, 3]} in at most {@code columns}
   * columns, each video enlarged {@code scale} times.
   */
  public static GridLayout layout(long[] shape, int columns, int padding, int scale) {
    checkArgument(shape.length == 5 && shape[4] == 3, "expected [B, T, H, W, 3], got %s",
        Arrays.toString(shape));
    checkArgument(columns >= 1 && scale >= 1, "bad grid: columns=%s scale=%s", columns, scale);
    int b = (int) shape[0];
    return new GridLayout(b, Math.min(columns, b), (int) shape[2] * scale,
        (int) shape[3] * scale, padding);
  }

  /**
   * Tiles a batch into {@code layout}'s cells, each video enlarged to its cell by nearest
   * neighbour (pixel {@code (y, x)} of a cell shows pixel {@code (y / scale, x / scale)}), so
   * small videos stay sharp.
   *
   * @param batch row-major {@code [B, T, H, W, 3]} in {@code [-1, 1]}
   * @param shape {@code {B, T, H, W, 3}}; the cells must be whole multiples of {@code H x W}
   * @return {@code T} frames of {@code layout.height()} by {@code layout.width()}
   */
  public static Frames tile(float[] batch, long[] shape, GridLayout layout) {
    checkArgument(shape.length == 5 && shape[4] == 3, "expected [B, T, H, W, 3], got %s",
        Arrays.toString(shape));
    checkArgument(batch.length == shape[0] * shape[1] * shape[2] * shape[3] * 3,
        "batch has %s values, shape %s needs %s", batch.length, Arrays.toString(shape),
        shape[0] * shape[1] * shape[2] * shape[3] * 3);
    int t = (int) shape[1];
    int h = (int) shape[2];
    int w = (int) shape[3];
    int scale = layout.cellHeight() / h;
    checkArgument(layout.videos() == shape[0] && layout.cellHeight() == scale * h
        && layout.cellWidth() == scale * w, "layout %s does not fit videos of shape %s", layout,
        Arrays.toString(shape));
    byte[] out = new byte[t * layout.height() * layout.width() * 3];
    for (int v = 0; v < layout.videos(); v++) {
      for (int f = 0; f < t; f++) {
        for (int y = 0; y < layout.cellHeight(); y++) {
          int src = (((v * t + f) * h + y / scale) * w) * 3;
          int dst = ((f * layout.height() + layout.top(v) + y) * layout.width() + layout.left(v))
              * 3;
          for (int i = 0; i < layout.cellWidth() * 3; i++) {
            out[dst + i] = PixelValues.toByte(batch[src + (i / 3 / scale) * 3 + i % 3]);
          }
        }
      }
    }
    return new Frames(t, layout.height(), layout.width(), out);
  }
}
