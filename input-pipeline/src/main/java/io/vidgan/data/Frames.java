package io.vidgan.data;

import static com.google.common.base.Preconditions.checkArgument;

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
}
