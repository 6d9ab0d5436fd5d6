package io.vidgan.data.io;

import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_side_data_get;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avformat.AVSEEK_FLAG_BACKWARD;
import static org.bytedeco.ffmpeg.global.avformat.av_find_best_stream;
import static org.bytedeco.ffmpeg.global.avformat.av_read_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_seek_frame;
import static org.bytedeco.ffmpeg.global.avformat.avformat_close_input;
import static org.bytedeco.ffmpeg.global.avformat.avformat_find_stream_info;
import static org.bytedeco.ffmpeg.global.avformat.avformat_open_input;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.AVMEDIA_TYPE_VIDEO;
import static org.bytedeco.ffmpeg.global.avutil.AV_NOPTS_VALUE;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_get;

import io.vidgan.data.DatasetException;
import java.nio.file.Path;
import java.util.Arrays;
import org.bytedeco.ffmpeg.avcodec.AVCodecParameters;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avcodec.AVPacketSideData;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVRational;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * A video file opened with FFmpeg's libavformat (in-process, from the {@code org.bytedeco:ffmpeg}
 * Maven artifact): its best video stream, that stream's packets in file order, seeking, and the
 * stream's {@link FrameTimeline}. Sizes are in display orientation: a rotation tag (display matrix)
 * of a quarter turn swaps width and height, as FFmpeg's command line does when it autorotates.
 */
final class VideoContainer implements AutoCloseable {
  /** Largest frame accepted, in pixels (8K UHD): a bigger declared size is a damaged header. */
  static final long MAX_PIXELS = 7680L * 4320;

  private final String file;
  private final AVFormatContext format;
  private final int stream;
  private final int quarterTurns;

  private VideoContainer(String file, AVFormatContext format, int stream) throws DatasetException {
    this.file = file;
    this.format = format;
    this.stream = stream;
    this.quarterTurns = displayQuarterTurns(parameters());
    long pixels = (long) parameters().width() * parameters().height();
    if (parameters().width() <= 0 || parameters().height() <= 0 || pixels > MAX_PIXELS) {
      throw new DatasetException(file, "video stream declares a frame size of "
          + parameters().width() + "x" + parameters().height() + " (at most " + MAX_PIXELS
          + " pixels are read)");
    }
  }

  /**
   * Opens {@code path} and finds its video stream.
   *
   * @throws DatasetException naming the file if it cannot be opened or has no video stream
   */
  static VideoContainer open(Path path) throws DatasetException {
    String file = path.toString();
    FfmpegCalls.silence();
    AVFormatContext format = new AVFormatContext(null);
    FfmpegCalls.check(avformat_open_input(format, file, null, (AVDictionary) null), file,
        "opening it as a video");
    try {
      FfmpegCalls.check(avformat_find_stream_info(format, (PointerPointer<?>) null), file,
          "reading its stream information");
      int stream = av_find_best_stream(format, AVMEDIA_TYPE_VIDEO, -1, -1,
          (PointerPointer<?>) null, 0);
      if (stream < 0) {
        throw new DatasetException(file, "has no video stream");
      }
      return new VideoContainer(file, format, stream);
    } catch (DatasetException e) {
      avformat_close_input(format);
      throw e;
    }
  }

  String file() {
    return file;
  }

  int streamIndex() {
    return stream;
  }

  AVCodecParameters parameters() {
    return videoStream().codecpar();
  }

  /** Clockwise quarter turns that bring a decoded frame into display orientation (0-3). */
  int quarterTurns() {
    return quarterTurns;
  }

  /** Frame width as displayed. */
  int width() {
    return quarterTurns % 2 == 0 ? parameters().width() : parameters().height();
  }

  /** Frame height as displayed. */
  int height() {
    return quarterTurns % 2 == 0 ? parameters().height() : parameters().width();
  }

  /**
   * Reads the next packet of the video stream into {@code packet} (other streams' packets are
   * skipped); false at the end of the file.
   */
  boolean read(AVPacket packet) throws DatasetException {
    while (true) {
      int code = av_read_frame(format, packet);
      if (code == AVERROR_EOF) {
        return false;
      }
      FfmpegCalls.check(code, file, "reading a packet");
      if (packet.stream_index() == stream) {
        return true;
      }
      av_packet_unref(packet);
    }
  }

  /** Seeks to the last key frame at or before {@code pts}. */
  void seek(long pts) throws DatasetException {
    FfmpegCalls.check(av_seek_frame(format, stream, pts, AVSEEK_FLAG_BACKWARD), file,
        "seeking to timestamp " + pts);
  }

  /**
   * Reads every packet of the video stream (no decoding) and returns when each frame is shown;
   * leaves the file at its end. A packet without a presentation time uses its decoding time.
   */
  FrameTimeline scan() throws DatasetException {
    AVRational base = videoStream().time_base();
    AVRational rate = videoStream().r_frame_rate();
    long fallbackDuration = rate.num() > 0 && base.num() > 0
        ? Math.max(1, Math.round((double) rate.den() * base.den() / ((double) rate.num()
            * base.num()))) : 1;
    long[] pts = new long[64];
    int count = 0;
    long end = Long.MIN_VALUE;
    AVPacket packet = av_packet_alloc();
    try {
      while (read(packet)) {
        long t = packet.pts() != AV_NOPTS_VALUE ? packet.pts() : packet.dts();
        if (t == AV_NOPTS_VALUE) {
          t = count == 0 ? 0 : end;
        }
        if (count == pts.length) {
          pts = Arrays.copyOf(pts, count * 2);
        }
        pts[count++] = t;
        end = Math.max(end, t + (packet.duration() > 0 ? packet.duration() : fallbackDuration));
        av_packet_unref(packet);
      }
    } finally {
      av_packet_free(packet);
    }
    return new FrameTimeline(Arrays.copyOf(pts, count), count == 0 ? 1 : end,
        base.num(), base.den());
  }

  private AVStream videoStream() {
    return format.streams(stream);
  }

  /**
   * The display matrix's rotation as clockwise quarter turns. FFmpeg's command line rotates by
   * {@code -av_display_rotation_get(matrix)} degrees clockwise; other angles and mirroring are
   * not applied.
   */
  private static int displayQuarterTurns(AVCodecParameters parameters) {
    AVPacketSideData side = av_packet_side_data_get(parameters.coded_side_data(),
        parameters.nb_coded_side_data(), AV_PKT_DATA_DISPLAYMATRIX);
    if (side == null || side.isNull() || side.size() < 9 * Integer.BYTES) {
      return 0;
    }
    double degrees = -av_display_rotation_get(new IntPointer(side.data()));
    if (Double.isNaN(degrees)) {
      return 0;
    }
    return Math.floorMod(Math.round(degrees / 90), 4);
  }

  @Override
  public void close() {
    avformat_close_input(format);
  }
}
