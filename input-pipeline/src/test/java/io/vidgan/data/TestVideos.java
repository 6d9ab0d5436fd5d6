package io.vidgan.data;

import io.vidgan.data.io.ImageCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/** Test fixtures: videos made by ffmpeg's lavfi sources, frame folders, random frames. */
public final class TestVideos {
  private TestVideos() {}

  /**
   * Writes {@code frames} frames of an ffmpeg lavfi source ({@code testsrc}, {@code mandelbrot},
   * ...) to {@code file}, encoded as its extension says (lossless FFV1 for {@code .mkv}).
   */
  public static Path lavfi(Path file, String source, int width, int height, int frames)
      throws IOException {
    List<String> cmd = new ArrayList<>(List.of("ffmpeg", "-v", "error", "-y", "-f", "lavfi", "-i",
        String.format(Locale.ROOT, "%s=size=%dx%d:rate=10", source, width, height),
        "-frames:v", Integer.toString(frames)));
    if (file.toString().endsWith(".mkv")) {
      cmd.addAll(List.of("-c:v", "ffv1"));
    } else if (file.toString().endsWith(".mp4")) {
      cmd.addAll(List.of("-pix_fmt", "yuv420p"));
    }
    cmd.add(file.toString());
    run(cmd);
    return file;
  }

  /** Every frame of {@code video} as ffmpeg decodes it, independently of the code under test. */
  public static Frames decodeAll(Path video, int width, int height) throws IOException {
    Process p = new ProcessBuilder("ffmpeg", "-v", "error", "-i", video.toString(), "-f",
        "rawvideo", "-pix_fmt", "rgb24", "-").redirectError(ProcessBuilder.Redirect.DISCARD)
        .start();
    byte[] rgb = p.getInputStream().readAllBytes();
    waitFor(p);
    return new Frames(rgb.length / (width * height * 3), height, width, rgb);
  }

  /** Random frames, each pixel independent: worst case for codecs, good for exactness tests. */
  public static Frames random(int count, int height, int width, long seed) {
    byte[] rgb = new byte[count * height * width * 3];
    new Random(seed).nextBytes(rgb);
    return new Frames(count, height, width, rgb);
  }

  /** Writes {@code frames} as {@code dir/000000.png ...}; returns {@code dir}. */
  public static Path pngFolder(Path dir, Frames frames) throws IOException {
    Files.createDirectories(dir);
    for (int i = 0; i < frames.count(); i++) {
      Files.write(dir.resolve(String.format(Locale.ROOT, "%06d.png", i)),
          ImageCodec.encode(frames, i, ImageCodec.Format.PNG, 1f));
    }
    return dir;
  }

  /** Mean absolute difference between two equally shaped frame sets, in 8-bit levels. */
  public static double meanAbsDiff(Frames a, Frames b) {
    long sum = 0;
    for (int i = 0; i < a.rgb().length; i++) {
      sum += Math.abs((a.rgb()[i] & 0xff) - (b.rgb()[i] & 0xff));
    }
    return (double) sum / a.rgb().length;
  }

  private static void run(List<String> cmd) throws IOException {
    Process p = new ProcessBuilder(cmd).inheritIO().start();
    if (waitFor(p) != 0) {
      throw new IOException("failed: " + cmd);
    }
  }

  private static int waitFor(Process p) throws IOException {
    try {
      return p.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(e);
    }
  }
}
