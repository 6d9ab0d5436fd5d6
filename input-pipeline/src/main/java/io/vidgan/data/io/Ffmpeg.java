package io.vidgan.data.io;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.data.DatasetException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The system's {@code ffmpeg} and {@code ffprobe}, run as child processes with raw RGB frames
 * streamed through a pipe (no temporary frame files). The executable is {@code ffmpeg} on the
 * {@code PATH}, or {@code $VIDGAN_FFMPEG}; {@code ffprobe} is looked up next to it.
 *
 * <p>Frames are decoded as {@code rgb24} in display orientation: ffmpeg applies a rotation tag,
 * and {@link #probe} swaps width and height to match.
 */
public final class Ffmpeg {
  /** Environment variable naming the ffmpeg executable. */
  public static final String ENV = "VIDGAN_FFMPEG";

  /** What to do when ffmpeg is missing; part of every "cannot run" error. */
  public static final String INSTALL_HINT =
      "install ffmpeg (apt-get install ffmpeg), or set " + ENV + " to the ffmpeg executable";

  /** Size and length of a video's first video stream. */
  public record Probe(int width, int height, int frames) {}

  private final String ffmpeg;
  private final String ffprobe;

  /** @param executable path or name of {@code ffmpeg} */
  public Ffmpeg(String executable) {
    checkArgument(!executable.isBlank(), "ffmpeg executable must not be blank");
    this.ffmpeg = executable;
    int slash = executable.lastIndexOf('/') + 1;
    this.ffprobe = executable.substring(0, slash)
        + executable.substring(slash).replace("ffmpeg", "ffprobe");
  }

  /** {@code $VIDGAN_FFMPEG}, or {@code ffmpeg} on the {@code PATH}. */
  public static Ffmpeg system() {
    String env = System.getenv(ENV);
    return new Ffmpeg(env == null || env.isBlank() ? "ffmpeg" : env);
  }

  /**
   * Reads the first video stream's size (after rotation) and frame count (packets, read without
   * decoding).
   *
   * @throws DatasetException if ffprobe is missing or the file has no readable video stream
   */
  public Probe probe(Path video) throws IOException {
    List<String> cmd = List.of(ffprobe, "-v", "error", "-select_streams", "v:0", "-count_packets",
        "-show_entries", "stream=width,height,nb_read_packets:stream_side_data=rotation"
            + ":stream_tags=rotate", "-of", "default=nw=1", video.toString());
    Map<String, String> values = keyValues(run(cmd, video));
    if (!values.containsKey("width") || !values.containsKey("nb_read_packets")) {
      throw new DatasetException(video.toString(), "no readable video stream");
    }
    int width = parse(values, "width", video);
    int height = parse(values, "height", video);
    String rotation = values.getOrDefault("rotation", values.getOrDefault("TAG:rotate", "0"));
    boolean sideways = Math.abs((int) Math.round(Double.parseDouble(rotation))) % 180 == 90;
    return new Probe(sideways ? height : width, sideways ? width : height,
        parse(values, "nb_read_packets", video));
  }

  /**
   * Counts the frames that come out of {@code filters} (e.g. {@code fps=10}) by decoding the whole
   * video.
   */
  public int countFrames(Path video, List<String> filters) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(ffmpeg, "-v", "error", "-nostdin", "-i",
        video.toString()));
    addFilters(cmd, filters);
    cmd.addAll(List.of("-vsync", "passthrough", "-f", "null", "-", "-progress", "pipe:1"));
    String frame = "0";
    for (String line : run(cmd, video).split("\n")) {
      if (line.startsWith("frame=")) {
        frame = line.substring("frame=".length()).strip();
      }
    }
    return Integer.parseInt(frame);
  }

  /**
   * Starts decoding {@code video} through {@code filters}: frames arrive on {@link
   * FfmpegProcess#stdout()} as raw {@code rgb24}, one frame after the other, each frame passed on
   * once (no duplicated or dropped frames to fit a frame rate).
   */
  public FfmpegProcess decode(Path video, List<String> filters) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(ffmpeg, "-v", "error", "-nostdin", "-i",
        video.toString()));
    addFilters(cmd, filters);
    cmd.addAll(List.of("-vsync", "passthrough", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"));
    return FfmpegProcess.start(cmd, video.toString());
  }

  /**
   * Starts encoding raw {@code rgb24} frames written to {@link FfmpegProcess#stdin()} into an
   * H.264 (or the build's default) MP4 at {@code out}. Odd sizes are padded by one pixel, which
   * yuv420p requires.
   */
  public FfmpegProcess encodeMp4(int width, int height, double fps, Path out) throws IOException {
    List<String> cmd = List.of(ffmpeg, "-v", "error", "-y", "-f", "rawvideo", "-pix_fmt", "rgb24",
        "-s", width + "x" + height, "-r", String.format(Locale.ROOT, "%.6f", fps), "-i", "-",
        "-vf", "pad=ceil(iw/2)*2:ceil(ih/2)*2", "-pix_fmt", "yuv420p", "-movflags", "+faststart",
        "-f", "mp4", out.toString());
    return FfmpegProcess.start(cmd, out.toString());
  }

  private static void addFilters(List<String> cmd, List<String> filters) {
    if (!filters.isEmpty()) {
      cmd.add("-vf");
      cmd.add(String.join(",", filters));
    }
  }

  private static String run(List<String> cmd, Path video) throws IOException {
    try (FfmpegProcess p = FfmpegProcess.start(cmd, video.toString())) {
      String out = new String(p.stdout().readAllBytes(), StandardCharsets.UTF_8);
      p.checkSuccess();
      return out;
    }
  }

  private static Map<String, String> keyValues(String text) {
    Map<String, String> values = new HashMap<>();
    for (String line : text.split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        values.putIfAbsent(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
      }
    }
    return values;
  }

  private static int parse(Map<String, String> values, String key, Path video)
      throws DatasetException {
    try {
      return Integer.parseInt(values.get(key));
    } catch (NumberFormatException e) {
      throw new DatasetException(video.toString(), "ffprobe reported " + key + "="
          + values.get(key));
    }
  }
}
