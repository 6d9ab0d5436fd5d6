package io.vidgan.data.source;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.data.BadInputs;
import io.vidgan.data.DatasetException;
import io.vidgan.data.Frames;
import io.vidgan.data.VideoDataset;
import io.vidgan.data.VideoInfo;
import io.vidgan.data.io.Ffmpeg;
import io.vidgan.data.io.FfmpegProcess;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * Video files (mp4, avi, webm, mkv, ...) decoded by the system's ffmpeg, frames streamed as raw
 * RGB through a pipe. Reading a clip decodes from the start of the file and lets ffmpeg's {@code
 * select} filter pass only the frames asked for, so it is exact but costs a decode of the video's
 * head: for training, convert with {@code bin/prepare-dataset} first.
 *
 * <p>Frame numbers are those of the decoded stream, or, with a frame rate, of the stream after
 * ffmpeg's {@code fps} filter.
 */
public final class VideoFileDataset implements VideoDataset {
  private final String where;
  private final List<Path> files;
  private final int[] labels;
  private final Ffmpeg ffmpeg;
  private final double fps;
  private final BadInputs bad;
  private final Map<Integer, VideoInfo> infos = new ConcurrentHashMap<>();

  /**
   * @param labels one per file, -1 when unlabelled
   * @param fps resample to this frame rate, or 0 to keep every decoded frame
   */
  public VideoFileDataset(List<Path> files, int[] labels, Ffmpeg ffmpeg, double fps,
      BadInputs bad) {
    this(FileNames.describe(files, "videos"), files, labels, ffmpeg, fps, bad);
  }

  private VideoFileDataset(String where, List<Path> files, int[] labels, Ffmpeg ffmpeg,
      double fps, BadInputs bad) {
    checkArgument(!files.isEmpty(), "no video files given");
    checkArgument(labels.length == files.size(), "%s labels for %s files", labels.length,
        files.size());
    checkArgument(fps >= 0, "fps must be >= 0 (0 keeps the native rate), got %s", fps);
    this.where = where;
    this.files = List.copyOf(files);
    this.labels = labels.clone();
    this.ffmpeg = ffmpeg;
    this.fps = fps;
    this.bad = bad;
  }

  /**
   * The video files under {@code root} (recursively), labelled by class folder when every file is
   * in one ({@link FileNames#classLabels}).
   *
   * @throws DatasetException if there are none
   */
  public static VideoFileDataset inDirectory(Path root, Ffmpeg ffmpeg, double fps, BadInputs bad)
      throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(root)) {
      files = new ArrayList<>(walk.filter(p -> Files.isRegularFile(p) && FileNames.isVideo(p))
          .toList());
    }
    if (files.isEmpty()) {
      throw new DatasetException(root.toString(), "no video files found");
    }
    files.sort((a, b) -> FileNames.NATURAL_ORDER.compare(FileNames.relative(root, a),
        FileNames.relative(root, b)));
    int[] labels = FileNames.classLabels(files.stream().map(f -> FileNames.relative(root, f))
        .toList());
    return new VideoFileDataset(root + " (" + files.size() + " videos)", files, labels, ffmpeg,
        fps, bad);
  }

  @Override
  public String description() {
    String rate = fps > 0 ? String.format(Locale.ROOT, " at %.3g fps", fps) : "";
    return "video:" + where + rate;
  }

  @Override
  public int size() {
    return files.size();
  }

  @Override
  public BadInputs badInputs() {
    return bad;
  }

  @Override
  public VideoInfo info(int index) throws IOException {
    VideoInfo known = infos.get(index);
    if (known != null) {
      return known;
    }
    Path file = files.get(index);
    Ffmpeg.Probe probe = ffmpeg.probe(file);
    int frames = fps > 0 ? ffmpeg.countFrames(file, rateFilter()) : probe.frames();
    if (frames == 0) {
      throw new DatasetException(file.toString(), "video has no frames");
    }
    VideoInfo info = new VideoInfo(file.toString(), frames, probe.height(), probe.width(),
        labels[index]);
    infos.put(index, info);
    return info;
  }

  @Override
  public Frames read(int index, int from, int count, int stride) throws IOException {
    VideoInfo info = info(index);
    info.checkFrames(from, count, stride);
    List<String> filters = new ArrayList<>(rateFilter());
    filters.add(String.format(Locale.ROOT, "select='gte(n,%d)*lte(n,%d)*not(mod(n-%d,%d))'",
        from, from + (count - 1) * stride, from, stride));
    int frameBytes = info.height() * info.width() * 3;
    byte[] rgb = new byte[count * frameBytes];
    try (FfmpegProcess p = ffmpeg.decode(files.get(index), filters)) {
      int got = readFrames(p.stdout(), rgb, frameBytes, count, p);
      if (got < count) {
        p.checkSuccess();
        throw new DatasetException(info.id(), "decoding ended after " + got + " of the " + count
            + " frames asked for (frames " + from + ".." + (from + (count - 1) * stride)
            + "); the file reports " + info.frames() + " frames");
      }
    }
    return new Frames(count, info.height(), info.width(), rgb);
  }

  @Override
  public VideoInfo forEachFrame(int index, FrameSink sink) throws IOException {
    Path file = files.get(index);
    Ffmpeg.Probe probe = ffmpeg.probe(file);
    int frameBytes = probe.height() * probe.width() * 3;
    int frames = 0;
    try (FfmpegProcess p = ffmpeg.decode(file, rateFilter())) {
      byte[] rgb = new byte[frameBytes];
      while (readFrames(p.stdout(), rgb, frameBytes, 1, p) == 1) {
        sink.accept(new Frames(1, probe.height(), probe.width(), rgb.clone()));
        frames++;
      }
      p.checkSuccess();
    }
    if (frames == 0) {
      throw new DatasetException(file.toString(), "video has no frames");
    }
    return new VideoInfo(file.toString(), frames, probe.height(), probe.width(), labels[index]);
  }

  private List<String> rateFilter() {
    return fps > 0 ? List.of(String.format(Locale.ROOT, "fps=%.6f", fps)) : List.of();
  }

  /**
   * Reads up to {@code count} whole frames; returns how many. A partial frame at the end means
   * ffmpeg's output does not match the probed size.
   */
  private static int readFrames(InputStream in, byte[] out, int frameBytes, int count,
      FfmpegProcess p) throws IOException {
    for (int k = 0; k < count; k++) {
      int n = in.readNBytes(out, k * frameBytes, frameBytes);
      if (n == 0) {
        return k;
      }
      if (n < frameBytes) {
        p.checkSuccess();
        throw p.failure("frame " + k + " ended after " + n + " of " + frameBytes + " bytes");
      }
    }
    return count;
  }
}
