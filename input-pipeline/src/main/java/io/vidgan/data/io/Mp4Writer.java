package io.vidgan.data.io;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An MP4 ({@link VideoEncoder.Format#MP4}: H.264 by OpenH264, yuv420p) encoded in-process and
 * moved into place when complete. Odd sizes are padded with one black row or column, which
 * yuv420p requires.
 */
public final class Mp4Writer extends FrameWriter {
  private final VideoEncoder encoder;
  private final byte[] padded;

  public Mp4Writer(Path target, int width, int height, double fps) throws IOException {
    super(target, width, height);
    checkArgument(fps > 0, "fps must be positive, got %s", fps);
    int evenWidth = width + width % 2;
    int evenHeight = height + height % 2;
    this.padded = new byte[evenWidth * evenHeight * 3];
    this.encoder = new VideoEncoder(temporary(), VideoEncoder.Format.MP4, evenWidth, evenHeight,
        fps, 0);
  }

  @Override
  void append(byte[] rgb) throws IOException {
    int row = width() * 3;
    int evenRow = (width() + width() % 2) * 3;
    for (int y = 0; y < height(); y++) {
      System.arraycopy(rgb, y * row, padded, y * evenRow, row);
    }
    encoder.write(padded);
  }

  @Override
  void finish() throws IOException {
    try (encoder) {
      encoder.finish();
      Files.move(temporary(), target(), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary());
    }
  }
}
