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
    checkArgument(shape.length == 5 && shape[4] == 3, "expected [B, T, H, W, 3], got %s",
        Arrays.toString(shape));
    checkArgument(batch.length == shape[0] * shape[1] * shape[2] * shape[3] * 3,
        "batch has %s values, shape %s needs %s", batch.length, Arrays.toString(shape),
        shape[0] * shape[1] * shape[2] * shape[3] * 3);
    checkArgument(columns >= 1 && padding >= 0, "bad grid: columns=%s padding=%s", columns,
        padding);
    int b = (int) shape[0];
    int t = (int) shape[1];
    int h = (int) shape[2];
    int w = (int) shape[3];
    int cols = Math.min(columns, b);
    int rows = (b + cols - 1) / cols;
    int gridH = rows * h + (rows - 1) * padding;
    int gridW = cols * w + (cols - 1) * padding;
    byte[] out = new byte[t * gridH * gridW * 3];
    for (int v = 0; v < b; v++) {
      int top = (v / cols) * (h + padding);
      int left = (v % cols) * (w + padding);
      for (int f = 0; f < t; f++) {
        for (int y = 0; y < h; y++) {
          int src = (((v * t + f) * h + y) * w) * 3;
          int dst = ((f * gridH + top + y) * gridW + left) * 3;
          for (int i = 0; i < w * 3; i++) {
            out[dst + i] = PixelValues.toByte(batch[src + i]);
          }
        }
      }
    }
    return new Frames(t, gridH, gridW, out);
  }
}
