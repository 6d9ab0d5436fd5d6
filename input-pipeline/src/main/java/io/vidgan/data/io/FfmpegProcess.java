package io.vidgan.data.io;

import io.vidgan.data.DatasetException;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A running {@code ffmpeg} or {@code ffprobe}: raw frames flow through its stdin or stdout pipe;
 * its stderr goes to a temporary file (a pipe could fill up and stall it) and is quoted in errors.
 */
public final class FfmpegProcess implements AutoCloseable {
  private static final int ERROR_CHARS = 2000;

  private final Process process;
  private final Path stderr;
  private final String subject;

  private FfmpegProcess(Process process, Path stderr, String subject) {
    this.process = process;
    this.stderr = stderr;
    this.subject = subject;
  }

  /**
   * Starts {@code command}.
   *
   * @param subject the file being read or written, for error messages
   * @throws DatasetException naming the executable, with install instructions, if it cannot run
   */
  static FfmpegProcess start(List<String> command, String subject) throws IOException {
    Path stderr = Files.createTempFile("vidgan-ffmpeg", ".log");
    try {
      Process p = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
      return new FfmpegProcess(p, stderr, subject);
    } catch (IOException e) {
      Files.deleteIfExists(stderr);
      throw new DatasetException(command.get(0), "cannot run it (" + e.getMessage() + "); "
          + Ffmpeg.INSTALL_HINT, e);
    }
  }

  public InputStream stdout() {
    return process.getInputStream();
  }

  public OutputStream stdin() {
    return process.getOutputStream();
  }

  /** Waits for the process to exit; returns its exit code. */
  public int waitFor() throws IOException {
    try {
      return process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for ffmpeg");
    }
  }

  /** Waits for the process and fails, quoting its stderr, unless it exited with 0. */
  public void checkSuccess() throws IOException {
    int code = waitFor();
    if (code != 0) {
      throw failure("ffmpeg exited with code " + code);
    }
  }

  /** A {@link DatasetException} about the subject, with ffmpeg's own error text. */
  public DatasetException failure(String problem) {
    String text = errors();
    return new DatasetException(subject, text.isEmpty() ? problem : problem + ": " + text);
  }

  /** The end of what the process wrote to stderr, trimmed. */
  public String errors() {
    try {
      String all = Files.readString(stderr, StandardCharsets.UTF_8).strip();
      return all.length() <= ERROR_CHARS ? all : "..." + all.substring(all.length() - ERROR_CHARS);
    } catch (IOException e) {
      return "";
    }
  }

  /** Stops the process if it still runs and deletes its stderr file. */
  @Override
  public void close() throws IOException {
    process.destroy();
    try {
      if (!process.waitFor(5, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    } finally {
      Files.deleteIfExists(stderr);
    }
  }
}
