package io.vidgan.data.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.io.IOException;
import java.nio.file.Path;

/**
 * What every {@link VideoWriter} shares: the frame size, the check that each frame has it, and
 * the rule that nothing is written after {@link #close()}. Subclasses only append frames and
 * finish their file.
 */
abstract class FrameWriter implements VideoWriter {
  private final Path target;
  private final int width;
  private final int height;
  private boolean closed;

  FrameWriter(Path target, int width, int height) {
    checkArgument(width > 0 && height > 0, "bad frame size %sx%s for %s", width, height, target);
    this.target = target;
    this.width = width;
    this.height = height;
  }

  /** Appends a frame of the right size. */
  abstract void append(byte[] rgb) throws IOException;

  /** Completes the video; called once. */
  abstract void finish() throws IOException;

  /** Where the video goes. */
  final Path target() {
    return target;
  }

  /** The temporary file next to {@link #target()} that is moved into place on close. */
  final Path temporary() {
    return target.resolveSibling(target.getFileName() + ".tmp");
  }

  @Override
  public final int width() {
    return width;
  }

  @Override
  public final int height() {
    return height;
  }

  @Override
  public final void write(byte[] rgb) throws IOException {
    checkState(!closed, "the video writer for %s is closed", target);
    checkArgument(rgb.length == width * height * 3, "frame has %s bytes, expected %sx%sx3",
        rgb.length, height, width);
    append(rgb);
  }

  @Override
  public final void close() throws IOException {
    if (!closed) {
      closed = true;
      finish();
    }
  }
}
