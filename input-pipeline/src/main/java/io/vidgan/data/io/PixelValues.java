package io.vidgan.data.io;

/**
 * The one mapping between 8-bit pixels and the network's float range {@code [-1, 1]}: {@code x /
 * 127.5 - 1} on the way in, {@code round(x * 127.5 + 127.5)} clamped to {@code [0, 255]} on the
 * way out. The round trip of every byte value is exact.
 */
public final class PixelValues {
  private PixelValues() {}

  /** A pixel value in {@code [0, 255]} (possibly fractional after resizing) to {@code [-1, 1]}. */
  public static float toUnit(float x) {
    return x / 127.5f - 1f;
  }

  /** A value in {@code [-1, 1]} to an unsigned byte; out-of-range values are clamped. */
  public static byte toByte(float x) {
    int v = Math.round(x * 127.5f + 127.5f);
    return (byte) Math.max(0, Math.min(255, v));
  }

  /** {@code count} values of {@code x} from {@code offset} as unsigned bytes. */
  public static byte[] toBytes(float[] x, int offset, int count) {
    byte[] out = new byte[count];
    for (int i = 0; i < count; i++) {
      out[i] = toByte(x[offset + i]);
    }
    return out;
  }
}
