package io.vidgan.data.io;

import java.io.IOException;

/**
 * Writes a video frame by frame, as frames come (memory does not grow with the video's length).
 * Open one with {@link VideoWriters#open}. The file is complete only after {@link #close()};
 * writers that produce a single file write a temporary file and move it into place on close, so
 * a crash never leaves a half-written video under the final name.
 */
public interface VideoWriter extends AutoCloseable {
  /** Frame width in pixels. */
  int width();

  /** Frame height in pixels. */
  int height();

  /** Appends one frame: {@code height * width * 3} RGB bytes, row-major. */
  void write(byte[] rgb) throws IOException;

  @Override
  void close() throws IOException;
}
