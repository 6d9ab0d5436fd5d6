package io.vidgan.data.io;

import static com.google.common.base.Preconditions.checkArgument;
import static org.bytedeco.ffmpeg.global.avcodec.AV_CODEC_FLAG_GLOBAL_HEADER;
import static org.bytedeco.ffmpeg.global.avcodec.AV_PKT_DATA_DISPLAYMATRIX;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_alloc;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_free;
import static org.bytedeco.ffmpeg.global.avcodec.av_packet_rescale_ts;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_alloc_context3;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_find_encoder_by_name;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_free_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_open2;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_parameters_from_context;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_receive_packet;
import static org.bytedeco.ffmpeg.global.avcodec.avcodec_send_frame;
import static org.bytedeco.ffmpeg.global.avformat.AVFMT_GLOBALHEADER;
import static org.bytedeco.ffmpeg.global.avformat.AVIO_FLAG_WRITE;
import static org.bytedeco.ffmpeg.global.avformat.av_interleaved_write_frame;
import static org.bytedeco.ffmpeg.global.avformat.av_stream_new_side_data;
import static org.bytedeco.ffmpeg.global.avformat.av_write_trailer;
import static org.bytedeco.ffmpeg.global.avformat.avformat_alloc_output_context2;
import static org.bytedeco.ffmpeg.global.avformat.avformat_free_context;
import static org.bytedeco.ffmpeg.global.avformat.avformat_new_stream;
import static org.bytedeco.ffmpeg.global.avformat.avformat_write_header;
import static org.bytedeco.ffmpeg.global.avformat.avio_closep;
import static org.bytedeco.ffmpeg.global.avformat.avio_open;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EAGAIN;
import static org.bytedeco.ffmpeg.global.avutil.AVERROR_EOF;
import static org.bytedeco.ffmpeg.global.avutil.av_d2q;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_free;
import static org.bytedeco.ffmpeg.global.avutil.av_dict_set;
import static org.bytedeco.ffmpeg.global.avutil.av_display_rotation_set;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_make_writable;
import static org.bytedeco.ffmpeg.global.avutil.av_inv_q;

import io.vidgan.data.DatasetException;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.ffmpeg.avcodec.AVCodec;
import org.bytedeco.ffmpeg.avcodec.AVCodecContext;
import org.bytedeco.ffmpeg.avcodec.AVPacket;
import org.bytedeco.ffmpeg.avformat.AVFormatContext;
import org.bytedeco.ffmpeg.avformat.AVIOContext;
import org.bytedeco.ffmpeg.avformat.AVStream;
import org.bytedeco.ffmpeg.avutil.AVDictionary;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.javacpp.IntPointer;

/**
 * Encodes packed RGB frames into a video file with FFmpeg's libavcodec and libavformat,
 * in-process. What goes into the file is a {@link Format}: container, codec, pixel format and the
 * codec's options; {@link Format#MP4} is what {@code *.mp4} outputs use.
 */
public final class VideoEncoder implements AutoCloseable {
  /**
   * A container and codec. {@code codecOptions} are the encoder's private options (as {@code
   * ffmpeg -OPTION VALUE}); {@code codecTag}, if not null, is the FourCC written for the codec.
   */
  public record Format(String container, String codec, int pixelFormat, String codecTag,
      Map<String, String> codecOptions) {
    /**
     * H.264 in MP4 by OpenH264 (Cisco's BSD-licensed encoder, part of the LGPL FFmpeg build; the
     * GPL x264 is not), yuv420p, quality-driven rate control, so any player opens it.
     */
    public static final Format MP4 = new Format("mp4", "libopenh264",
        org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P, null,
        Map.of("rc_mode", "quality", "allow_skip_frames", "0"));
  }

  private final String file;
  private final int width;
  private final int height;
  private final AVFormatContext output;
  private final AVCodecContext codec;
  private final AVStream stream;
  private final AVFrame frame;
  private final AVPacket packet = av_packet_alloc();
  private final RgbConversion conversion;
  private long next;

  /**
   * Creates {@code file} and writes its header.
   *
   * @param clockwiseQuarterTurns display rotation to tag the stream with (0-3), as a phone
   *     camera's recording does
   * @throws DatasetException naming the file if it cannot be created or the codec is missing
   */
  public VideoEncoder(Path file, Format format, int width, int height, double fps,
      int clockwiseQuarterTurns) throws DatasetException {
    checkArgument(width > 0 && height > 0 && fps > 0, "bad video %sx%s at %s fps", width, height,
        fps);
    FfmpegCalls.silence();
    this.file = file.toString();
    this.width = width;
    this.height = height;
    this.conversion = new RgbConversion(this.file);
    this.output = new AVFormatContext(null);
    FfmpegCalls.check(avformat_alloc_output_context2(output, null, format.container(),
        this.file), this.file, "setting up a " + format.container() + " file");
    AVCodec encoder = avcodec_find_encoder_by_name(format.codec());
    if (encoder == null || encoder.isNull()) {
      throw new DatasetException(this.file, "this FFmpeg build has no " + format.codec()
          + " encoder");
    }
    this.stream = avformat_new_stream(output, null);
    this.codec = avcodec_alloc_context3(encoder);
    codec.width(width).height(height).pix_fmt(format.pixelFormat())
        .time_base(av_inv_q(av_d2q(fps, 100_000))).framerate(av_d2q(fps, 100_000));
    if ((output.oformat().flags() & AVFMT_GLOBALHEADER) != 0) {
      codec.flags(codec.flags() | AV_CODEC_FLAG_GLOBAL_HEADER);
    }
    open(encoder, format);
    this.frame = av_frame_alloc().format(format.pixelFormat()).width(width).height(height);
    FfmpegCalls.check(av_frame_get_buffer(frame, 0), this.file, "allocating a frame");
    tagRotation(clockwiseQuarterTurns);
    AVIOContext io = new AVIOContext(null);
    FfmpegCalls.check(avio_open(io, this.file, AVIO_FLAG_WRITE), this.file, "creating it");
    output.pb(io);
    FfmpegCalls.check(avformat_write_header(output, (AVDictionary) null), this.file,
        "writing its header");
  }

  private void open(AVCodec encoder, Format format) throws DatasetException {
    AVDictionary options = new AVDictionary(null);
    format.codecOptions().forEach((k, v) -> av_dict_set(options, k, v, 0));
    try {
      FfmpegCalls.check(avcodec_open2(codec, encoder, options), file, "opening the "
          + format.codec() + " encoder");
    } finally {
      av_dict_free(options);
    }
    FfmpegCalls.check(avcodec_parameters_from_context(stream.codecpar(), codec), file,
        "setting the stream's codec parameters");
    if (format.codecTag() != null) {
      String tag = format.codecTag();
      stream.codecpar().codec_tag(tag.charAt(0) | tag.charAt(1) << 8 | tag.charAt(2) << 16
          | tag.charAt(3) << 24);
    }
    stream.time_base(codec.time_base());
  }

  private void tagRotation(int clockwiseQuarterTurns) {
    if (clockwiseQuarterTurns % 4 != 0) {
      IntPointer matrix = new IntPointer(av_stream_new_side_data(stream,
          AV_PKT_DATA_DISPLAYMATRIX, 9 * Integer.BYTES));
      av_display_rotation_set(matrix, 90.0 * clockwiseQuarterTurns);
    }
  }

  /** Encodes one frame of packed RGB ({@code height x width x 3}). */
  public void write(byte[] rgb) throws DatasetException {
    checkArgument(rgb.length == width * height * 3, "frame has %s bytes, expected %sx%sx3",
        rgb.length, height, width);
    FfmpegCalls.check(av_frame_make_writable(frame), file, "preparing a frame");
    conversion.fromRgb(rgb, width, height, frame);
    frame.pts(next++);
    FfmpegCalls.check(avcodec_send_frame(codec, frame), file, "encoding frame " + (next - 1));
    drain();
  }

  /** Flushes the encoder and writes the file's trailer. */
  public void finish() throws DatasetException {
    FfmpegCalls.check(avcodec_send_frame(codec, null), file, "flushing the encoder");
    drain();
    FfmpegCalls.check(av_write_trailer(output), file, "writing its trailer");
  }

  private void drain() throws DatasetException {
    while (true) {
      int code = avcodec_receive_packet(codec, packet);
      if (code == AVERROR_EAGAIN() || code == AVERROR_EOF) {
        return;
      }
      FfmpegCalls.check(code, file, "encoding");
      if (packet.duration() <= 0) {
        // one frame: without it MP4/MOV's edit list ends where the last frame starts, dropping it
        packet.duration(1);
      }
      av_packet_rescale_ts(packet, codec.time_base(), stream.time_base());
      packet.stream_index(stream.index());
      FfmpegCalls.check(av_interleaved_write_frame(output, packet), file, "writing a packet");
    }
  }

  /** Releases FFmpeg's resources; the file is complete only after {@link #finish()}. */
  @Override
  public void close() {
    conversion.close();
    av_frame_free(frame);
    av_packet_free(packet);
    avcodec_free_context(codec);
    if (output.pb() != null && !output.pb().isNull()) {
      avio_closep(output.pb());
    }
    avformat_free_context(output);
  }
}
