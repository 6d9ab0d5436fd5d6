package io.vidgan.data.io;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * An MP4 (H.264, yuv420p) encoded by the system's ffmpeg, frames streamed through its stdin.
 * Fails with {@link Ffmpeg#INSTALL_HINT} when ffmpeg is missing.
 */
public final class Mp4Writer extends FrameWriter {
  private final FfmpegProcess process;

  public Mp4Writer(Ffmpeg ffmpeg, Path target, int width, int height, double fps)
      throws IOException {
    super(target, width, height);
    checkArgument(fps > 0, "fps must be positive, got %s", fps);
    this.process = ffmpeg.encodeMp4(width, height, fps, temporary());
  }

  @Override
  void append(byte[] rgb) throws IOException {
    try {
      process.stdin().write(rgb);
    } catch (IOException e) {
      throw process.failure("ffmpeg stopped accepting frames");
    }
  }

  @Override
  void finish() throws IOException {
    try (process) {
      process.stdin().close();
      process.checkSuccess();
      Files.move(temporary(), target(), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(temporary());
    }
  }
}
