package io.vidgan.data.io;

/** Quarter-turn rotation of packed RGB frames (display orientation of rotated videos). */
final class Rotation {
  private Rotation() {}

  /**
   * Rotates an {@code h x w} frame by {@code turns} quarter turns clockwise into {@code out} ({@code
   * w x h} for odd turns).
   */
  static void clockwise(byte[] in, int h, int w, int turns, byte[] out) {
    int outWidth = turns % 2 == 0 ? w : h;
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        int r;
        int c;
        switch (turns) {
          case 1 -> { r = x; c = h - 1 - y; }
          case 2 -> { r = h - 1 - y; c = w - 1 - x; }
          case 3 -> { r = w - 1 - x; c = y; }
          default -> { r = y; c = x; }
        }
        System.arraycopy(in, (y * w + x) * 3, out, (r * outWidth + c) * 3, 3);
      }
    }
  }
}
