package io.vidgan.data;

import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;

/**
 * Bounds on what a reader allocates from a size a file declares, so that no input can exhaust
 * memory: a ZIP entry that inflates to gigabytes, a TFRecord length field of a gigabyte, a PNG
 * header claiming 65535 x 65535 pixels. Beyond a bound the input is a {@link DatasetException}
 * naming the file and entry, skippable with {@code --skip-bad} like any bad input.
 *
 * <p>The bounds are fixed, sized for real video rather than for one stage: a frame of at most
 * {@value #MAX_FRAME_SIDE} pixels a side (above 8K UHD, 7680 x 4320), an encoded frame of at most
 * {@value #MAX_FRAME_BYTES} bytes (an 8K UHD RGB PNG stored uncompressed is 99.5 MB), a record
 * (one video's encoded frames) of at most {@value #MAX_RECORD_BYTES} bytes. Video files decoded by
 * FFmpeg bound their own frames.
 */
public final class ReadLimits {
  /** Largest frame width or height. */
  public static final int MAX_FRAME_SIDE = 8192;

  /** Largest encoded frame (a ZIP entry, an image file), in bytes. */
  public static final long MAX_FRAME_BYTES = 1L << 27;

  /** Largest TFRecord record (one video), in bytes. */
  public static final long MAX_RECORD_BYTES = 1L << 30;

  private ReadLimits() {}

  /** @throws DatasetException naming {@code where} if a {@code width x height} frame is too big */
  public static void checkFrame(int width, int height, String where) throws DatasetException {
    if (width > MAX_FRAME_SIDE || height > MAX_FRAME_SIDE) {
      throw new DatasetException(where, String.format(Locale.ROOT, "frame is %dx%d, above the "
          + "limit of %d pixels a side", width, height, MAX_FRAME_SIDE));
    }
  }

  /**
   * Reads an encoded frame of {@code declared} bytes ({@code -1} if unknown) from {@code in},
   * never holding more than {@link #MAX_FRAME_BYTES}.
   *
   * @throws DatasetException naming {@code where} if it declares or holds more
   */
  public static byte[] readFrame(InputStream in, long declared, String where)
      throws IOException {
    if (declared > MAX_FRAME_BYTES) {
      throw tooBig(where, "declares " + declared + " bytes");
    }
    byte[] data = in.readNBytes((int) MAX_FRAME_BYTES + 1);
    if (data.length > MAX_FRAME_BYTES) {
      throw tooBig(where, "holds more than " + MAX_FRAME_BYTES + " bytes");
    }
    return data;
  }

  private static DatasetException tooBig(String where, String what) {
    return new DatasetException(where, "encoded frame " + what + ", above the limit of "
        + MAX_FRAME_BYTES + " bytes for a frame of at most " + MAX_FRAME_SIDE + "x"
        + MAX_FRAME_SIDE);
  }
}
