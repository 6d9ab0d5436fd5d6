package io.vidgan.data;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

/**
 * Decoded frames of one video: 8-bit RGB, row-major {@code [count, height, width, 3]}.
 *
 * @param rgb {@code count * height * width * 3} bytes (unsigned)
 */
public record Frames(int count, int height, int width, byte[] rgb) {
  public Frames {
    checkArgument(count > 0 && height > 0 && width > 0, "empty frames %sx%sx%s", count, height,
        width);
    checkArgument(rgb.length == (long) count * height * width * 3,
        "expected %s bytes for %sx%sx%sx3, got %s", (long) count * height * width * 3, count,
        height, width, rgb.length);
  }

  /** Bytes in one frame: {@code height * width * 3}. */
  public int frameBytes() {
    return height * width * 3;
  }

  /** Frame {@code i} alone, copied. */
  public Frames frame(int i) {
    checkArgument(i >= 0 && i < count, "frame %s out of [0, %s)", i, count);
    int n = frameBytes();
    return new Frames(1, height, width, Arrays.copyOfRange(rgb, i * n, (i + 1) * n));
  }
}
