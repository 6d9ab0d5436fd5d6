package io.vidgan.data.io;

import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_unref;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_decoder;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_flush_buffers;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_to_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_frame;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_packet;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;

import io.vidgan.data.DatasetException;
import java.nio.file.Path;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;

/**
 * Decodes a video file's frames in display order, one at a time, into packed RGB bytes in display
 * orientation: FFmpeg's libavcodec in-process, so memory holds a frame or two however long the
 * video is. {@link #seek} jumps to a key frame before a timestamp where the container allows.
 *
 * <pre>
 * try (VideoDecoder video = VideoDecoder.open(path)) {
 *   byte[] rgb = new byte[video.frameBytes()];
 *   while (video.next(rgb)) { ... video.timestamp() ... }
 * }
 * </pre>
 */
public final class VideoDecoder implements AutoCloseable {
  private final VideoContainer container;
  private final AVCodecContext codec;
  private final AVPacket packet = av_packet_alloc();
  private final AVFrame frame = av_frame_alloc();
  private final RgbConversion conversion;
  private byte[] decoded = new byte[0];
  private boolean draining;
  private long timestamp;

  private VideoDecoder(VideoContainer container, AVCodecContext codec) {
    this.container = container;
    this.codec = codec;
    this.conversion = new RgbConversion(container.file());
  }

  /**
   * Opens {@code path} for decoding.
   *
   * @throws DatasetException naming the file if it is not a readable video or its codec is unknown
   */
  public static VideoDecoder open(Path path) throws DatasetException {
    VideoContainer container = VideoContainer.open(path);
    AVCodecContext codec = null;
    try {
      AVCodec decoder = avcodec_find_decoder(container.parameters().codec_id());
      if (decoder == null || decoder.isNull()) {
        throw new DatasetException(path.toString(), "no decoder for its video codec (id "
            + container.parameters().codec_id() + ")");
      }
      codec = avcodec_alloc_context3(decoder);
      FfmpegCalls.check(avcodec_parameters_to_context(codec, container.parameters()),
          path.toString(), "reading its codec parameters");
      FfmpegCalls.check(avcodec_open2(codec, decoder, (AVDictionary) null), path.toString(),
          "opening its " + decoder.name().getString() + " decoder");
      return new VideoDecoder(container, codec);
    } catch (DatasetException e) {
      if (codec != null) {
        avcodec_free_context(codec);
      }
      container.close();
      throw e;
    }
  }

  /** A video stream's displayed frame size and when each of its frames is shown. */
  public record Probe(int width, int height, FrameTimeline timeline) {}

  /**
   * Reads {@code path}'s video stream from its packets alone (no decoding): frame size as
   * displayed, and the timeline.
   *
   * @throws DatasetException naming the file if it is not a readable video
   */
  public static Probe probe(Path path) throws DatasetException {
    try (VideoContainer container = VideoContainer.open(path)) {
      return new Probe(container.width(), container.height(), container.scan());
    }
  }

  /** Frame width as displayed. */
  public int width() {
    return container.width();
  }

  /** Frame height as displayed. */
  public int height() {
    return container.height();
  }

  /** Bytes of one RGB frame. */
  public int frameBytes() {
    return width() * height() * 3;
  }

  /** Presentation timestamp of the frame {@link #next} returned last (stream time base). */
  public long timestamp() {
    return timestamp;
  }

  /**
   * Decodes the next frame into {@code rgb} ({@link #frameBytes()} long); false at the end.
   *
   * @throws DatasetException naming the file if a packet cannot be decoded or the frame size
   *     changes
   */
  public boolean next(byte[] rgb) throws DatasetException {
    while (true) {
      int code = avcodec_receive_frame(codec, frame);
      if (code >= 0) {
        convert(rgb);
        return true;
      }
      if (code == AVERROR_EOF) {
        return false;
      }
      if (code != AVERROR_EAGAIN()) {
        FfmpegCalls.check(code, container.file(), "decoding a frame");
      }
      feed();
    }
  }

  /** Seeks to the last key frame at or before {@code pts}; {@link #next} continues from there. */
  public void seek(long pts) throws DatasetException {
    container.seek(pts);
    avcodec_flush_buffers(codec);
    draining = false;
  }

  /** Sends the next packet to the decoder, or the end-of-stream signal after the last one. */
  private void feed() throws DatasetException {
    if (draining) {
      throw new DatasetException(container.file(), "the decoder wants input after the end");
    }
    if (!container.read(packet)) {
      draining = true;
      FfmpegCalls.check(avcodec_send_packet(codec, null), container.file(), "flushing");
      return;
    }
    try {
      FfmpegCalls.check(avcodec_send_packet(codec, packet), container.file(),
          "decoding the packet at timestamp " + packet.pts());
    } finally {
      av_packet_unref(packet);
    }
  }

  private void convert(byte[] rgb) throws DatasetException {
    int w = frame.width();
    int h = frame.height();
    if (w != container.parameters().width() || h != container.parameters().height()) {
      throw new DatasetException(container.file(), "frame size changes from "
          + container.parameters().width() + "x" + container.parameters().height() + " to "
          + w + "x" + h + " mid-stream");
    }
    timestamp = frame.best_effort_timestamp();
    int turns = container.quarterTurns();
    if (turns == 0) {
      conversion.toRgb(frame, rgb);
      return;
    }
    if (decoded.length != rgb.length) {
      decoded = new byte[rgb.length];
    }
    conversion.toRgb(frame, decoded);
    Rotation.clockwise(decoded, h, w, turns, rgb);
  }

  @Override
  public void close() {
    conversion.close();
    av_frame_free(frame);
    av_packet_free(packet);
    avcodec_free_context(codec);
    container.close();
  }
}
