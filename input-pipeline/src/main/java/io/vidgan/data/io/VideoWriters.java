package io.vidgan.data.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Opens a {@link VideoWriter} chosen by the path: {@code *.gif} an animated GIF, {@code *.mp4} an
 * MP4 (H.264, encoded in-process by FFmpeg's libraries), anything without an extension (or an existing directory) a folder of PNG
 * frames.
 */
public final class VideoWriters {
  private VideoWriters() {}

  /**
   * @throws IllegalArgumentException for an unsupported extension, naming it
   * @throws io.vidgan.data.DatasetException naming the file if it cannot be created
   */
  public static VideoWriter open(Path path, int width, int height, double fps)
      throws IOException {
    String name = path.getFileName().toString();
    int dot = name.lastIndexOf('.');
    String extension = dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT);
    if (extension.isEmpty() || Files.isDirectory(path)) {
      return new PngFolderWriter(path, width, height);
    }
    return switch (extension) {
      case "gif" -> new GifWriter(path, width, height, fps);
      case "mp4" -> new Mp4Writer(path, width, height, fps);
      default -> throw new IllegalArgumentException("unsupported video extension ." + extension
          + " in " + path + ": use .gif, .mp4, or a name without extension for PNG frames");
    };
  }
}
