package io.vidgan.data.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An MP4 (H.264, yuv420p) encoded by the system's ffmpeg, frames streamed through its stdin.
 * Fails with {@link Ffmpeg#INSTALL_HINT} when ffmpeg is missing.
 */
public final class Mp4Writer implements VideoWriter {
  private final Path target;
  private final Path temporary;
  private final int width;
  private final int height;
  private final FfmpegProcess process;
  private boolean closed;

  public Mp4Writer(Ffmpeg ffmpeg, Path target, int width, int height, double fps)
      throws IOException {
    checkArgument(width > 0 && height > 0, "bad frame size %sx%s", width, height);
    checkArgument(fps > 0, "fps must be positive, got %s", fps);
    this.target = target;
    this.width = width;
    this.height = height;
    this.temporary = target.resolveSibling(target.getFileName() + ".tmp");
    this.process = ffmpeg.encodeMp4(width, height, fps, temporary);
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public void write(byte[] rgb) throws IOException {
    checkState(!closed, "MP4 writer for %s is closed", target);
    checkArgument(rgb.length == width * height * 3, "frame has %s bytes, expected %sx%sx3",
        rgb.length, height, width);
    try {
      process.stdin().write(rgb);
    } catch (IOException e) {
      throw process.failure("ffmpeg stopped accepting frames");
    }
  }

  @Override
  public void close() throws IOException {
    if (closed) {
      return;
    }
    closed = true;
    try (process) {
      process.stdin().close();
      process.checkSuccess();
      Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary);
    }
  }
}
