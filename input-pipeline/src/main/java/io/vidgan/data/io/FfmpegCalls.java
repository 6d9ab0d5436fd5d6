package io.vidgan.data.io;

import io.vidgan.data.DatasetException;
import java.nio.charset.StandardCharsets;
import org.bytedeco.ffmpeg.global.avutil;

/**
 * Return codes of FFmpeg's C functions turned into {@link DatasetException}s naming the file, with
 * FFmpeg's own description of the error ({@code av_strerror}).
 */
final class FfmpegCalls {
  private static final int ERROR_BUFFER = 256;

  private FfmpegCalls() {}

  /**
   * Silences FFmpeg's own logging below fatal errors, before any call that may log: problems
   * reach the user through exceptions naming the file, not as library lines on stderr.
   */
  static void silence() {
    avutil.av_log_set_level(avutil.AV_LOG_FATAL);
  }

  /** Returns {@code code} if it is not negative; else throws naming {@code file} and the action. */
  static int check(int code, String file, String action) throws DatasetException {
    if (code < 0) {
      throw new DatasetException(file, action + " failed (" + describe(code) + ")");
    }
    return code;
  }

  /** FFmpeg's text for an error code, e.g. "Invalid data found when processing input". */
  static String describe(int code) {
    byte[] text = new byte[ERROR_BUFFER];
    if (avutil.av_strerror(code, text, text.length) < 0) {
      return "error " + code;
    }
    int end = 0;
    while (end < text.length && text[end] != 0) {
      end++;
    }
    return new String(text, 0, end, StandardCharsets.UTF_8);
  }
}
