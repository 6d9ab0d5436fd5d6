package io.vidgan.data.source;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import io.vidgan.data.BadInputs;
import io.vidgan.data.DatasetException;
import io.vidgan.data.Frames;
import io.vidgan.data.VideoDataset;
import io.vidgan.data.VideoInfo;
import io.vidgan.data.io.FrameTimeline;
import io.vidgan.data.io.VideoDecoder;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * Video files (mp4, avi, webm, mkv, ...) decoded in-process by FFmpeg's libraries ({@link
 * VideoDecoder}), streamed a frame at a time. A file's timeline (when each frame is shown) comes
 * from its packets alone; a clip seeks to the key frame before its first frame where the container
 * allows, then decodes forward. Frame {@code n} is the {@code n}-th frame in display order, or,
 * with a frame rate, frame {@code n} after resampling as FFmpeg's {@code fps} filter does ({@link
 * FrameTimeline}).
 */
public final class VideoFileDataset implements VideoDataset {
  /** Timelines kept for reading clips, counted in frames (8 bytes each: 64 MB at most). */
  private static final long CACHED_FRAMES = 8_000_000;

  private final String where;
  private final List<Path> files;
  private final int[] labels;
  private final double fps;
  private final BadInputs bad;
  private final Cache<Integer, VideoDecoder.Probe> probes = CacheBuilder.newBuilder()
      .maximumWeight(CACHED_FRAMES)
      .weigher((Integer i, VideoDecoder.Probe p) -> p.timeline().frames() + 1).build();

  /**
   * @param labels one per file, -1 when unlabelled
   * @param fps resample to this frame rate, or 0 to keep every decoded frame
   */
  public VideoFileDataset(List<Path> files, int[] labels, double fps, BadInputs bad) {
    this(FileNames.describe(files, "videos"), files, labels, fps, bad);
  }

  private VideoFileDataset(String where, List<Path> files, int[] labels, double fps,
      BadInputs bad) {
    checkArgument(!files.isEmpty(), "no video files given");
    checkArgument(labels.length == files.size(), "%s labels for %s files", labels.length,
        files.size());
    checkArgument(fps >= 0, "fps must be >= 0 (0 keeps the native rate), got %s", fps);
    this.where = where;
    this.files = List.copyOf(files);
    this.labels = labels.clone();
    this.fps = fps;
    this.bad = bad;
  }

  /**
   * The video files under {@code root} (recursively), labelled by class folder when every file is
   * in one ({@link FileNames#classLabels}).
   *
   * @throws DatasetException if there are none
   */
  public static VideoFileDataset inDirectory(Path root, double fps, BadInputs bad)
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
    return new VideoFileDataset(root + " (" + files.size() + " videos)", files, labels, fps,
        bad);
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
    return info(index, probe(index));
  }

  @Override
  public Frames read(int index, int from, int count, int stride) throws IOException {
    VideoDecoder.Probe probe = probe(index);
    info(index, probe).checkFrames(from, count, stride);
    int frameBytes = probe.height() * probe.width() * 3;
    byte[] rgb = new byte[count * frameBytes];
    int[] sources = probe.timeline().sources(from, count, stride, fps);
    decode(index, probe.timeline(), sources, frameBytes,
        (k, frame) -> System.arraycopy(frame, 0, rgb, k * frameBytes, frameBytes));
    return new Frames(count, probe.height(), probe.width(), rgb);
  }

  @Override
  public VideoInfo forEachFrame(int index, FrameSink sink) throws IOException {
    VideoDecoder.Probe probe = probe(index);
    VideoInfo info = info(index, probe);
    int[] sources = fps > 0 ? probe.timeline().sources(0, info.frames(), 1, fps)
        : IntStream.range(0, info.frames()).toArray();
    decode(index, probe.timeline(), sources, probe.height() * probe.width() * 3,
        (k, frame) -> sink.accept(new Frames(1, probe.height(), probe.width(), frame.clone())));
    return info;
  }

  private VideoDecoder.Probe probe(int index) throws DatasetException {
    VideoDecoder.Probe known = probes.getIfPresent(index);
    if (known == null) {
      known = VideoDecoder.probe(files.get(index));
      probes.put(index, known);
    }
    return known;
  }

  private VideoInfo info(int index, VideoDecoder.Probe probe) throws DatasetException {
    int frames = probe.timeline().frames(fps);
    if (frames == 0) {
      throw new DatasetException(files.get(index).toString(), "video has no frames");
    }
    return new VideoInfo(files.get(index).toString(), frames, probe.height(), probe.width(),
        labels[index]);
  }

  /** Receives the {@code k}-th frame asked for. */
  private interface Placement {
    void put(int k, byte[] frame) throws IOException;
  }

  /**
   * Decodes native frames {@code sources} (non-decreasing) and places each; seeks to the key frame
   * before the first one unless it is frame 0. If the frame found after seeking is not on the
   * timeline, or lies past the one asked for, decoding starts again from the beginning.
   */
  private void decode(int index, FrameTimeline timeline, int[] sources, int frameBytes,
      Placement placement) throws IOException {
    Path file = files.get(index);
    byte[] frame = new byte[frameBytes];
    try (VideoDecoder video = VideoDecoder.open(file)) {
      int ordinal = -1;
      if (sources.length > 0 && sources[0] > 0) {
        video.seek(timeline.pts(sources[0]));
        ordinal = video.next(frame) ? timeline.indexOf(video.timestamp()) : -1;
        if (ordinal < 0 || ordinal > sources[0]) {
          video.seek(timeline.pts(0));
          ordinal = -1;
        }
      }
      int k = 0;
      while (k < sources.length) {
        if (ordinal == sources[k]) {
          placement.put(k++, frame);
        } else if (video.next(frame)) {
          ordinal++;
        } else {
          throw new DatasetException(file.toString(), "decoding ended after " + (ordinal + 1)
              + " frames, before frame " + sources[k] + " of the " + timeline.frames()
              + " its packets announce");
        }
      }
    }
  }
}
