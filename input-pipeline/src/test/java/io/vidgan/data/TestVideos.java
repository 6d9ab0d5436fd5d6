package io.vidgan.data;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_BGR0;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUV420P;
import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_YUVJ420P;

import io.vidgan.data.io.ImageCodec;
import io.vidgan.data.io.VideoDecoder;
import io.vidgan.data.io.VideoEncoder;
import io.vidgan.data.io.VideoEncoder.Format;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/** Test fixtures: test-pattern videos in several codecs, frame folders, random frames. */
public final class TestVideos {
  /** Lossless: FFV1 in Matroska, RGB (bgr0), so decoding gives back the exact frames. */
  public static final Format FFV1 = new Format("matroska", "ffv1", AV_PIX_FMT_BGR0, null,
      Map.of());
  /** Lossless with a rotation tag: PNG frames in QuickTime. */
  public static final Format PNG_MOV = new Format("mov", "png", AV_PIX_FMT_RGB24, null, Map.of());
  /** H.264 with a key frame every 4 frames (what seeking has to cope with). */
  public static final Format H264_GOP4 = new Format("mp4", "libopenh264", AV_PIX_FMT_YUV420P,
      null, Map.of("g", "4", "rc_mode", "quality"));
  /** Old codecs still common in research datasets (UCF-101 is XviD in AVI). */
  public static final Format XVID_AVI = new Format("avi", "mpeg4", AV_PIX_FMT_YUV420P, "XVID",
      Map.of("q", "3"));
  public static final Format DIVX3_AVI = new Format("avi", "msmpeg4", AV_PIX_FMT_YUV420P, "DIV3",
      Map.of("q", "3"));
  public static final Format CINEPAK_AVI = new Format("avi", "cinepak", AV_PIX_FMT_RGB24, null,
      Map.of());
  public static final Format MJPEG_AVI = new Format("avi", "mjpeg", AV_PIX_FMT_YUVJ420P, null,
      Map.of("q", "2"));
  public static final Format VP8_WEBM = new Format("webm", "libvpx", AV_PIX_FMT_YUV420P, null,
      Map.of("crf", "4", "b", "2M"));

  private TestVideos() {}

  /**
   * A deterministic test pattern: smooth colour gradients with a bright square moving two pixels
   * a frame, so that frames differ from each other and lossy codecs keep them recognisable.
   */
  public static Frames pattern(int count, int height, int width) {
    byte[] rgb = new byte[count * height * width * 3];
    int side = Math.max(2, Math.min(height, width) / 4);
    for (int t = 0; t < count; t++) {
      int left = (2 * t) % Math.max(1, width - side);
      for (int y = 0; y < height; y++) {
        for (int x = 0; x < width; x++) {
          int p = ((t * height + y) * width + x) * 3;
          boolean square = x >= left && x < left + side && y >= side && y < 2 * side;
          rgb[p] = (byte) (square ? 250 : 255 * x / Math.max(1, width - 1));
          rgb[p + 1] = (byte) (square ? 250 : 255 * y / Math.max(1, height - 1));
          rgb[p + 2] = (byte) (square ? 40 : (64 + 16 * t) % 256);
        }
      }
    }
    return new Frames(count, height, width, rgb);
  }

  /** Writes {@code frames} to {@code file} as {@code format}, at {@code fps}. */
  public static Path encode(Path file, Frames frames, Format format, double fps)
      throws IOException {
    return encode(file, frames, format, fps, 0);
  }

  /** As {@link #encode(Path, Frames, Format, double)}, tagged to display rotated clockwise. */
  public static Path encode(Path file, Frames frames, Format format, double fps,
      int clockwiseQuarterTurns) throws IOException {
    try (VideoEncoder out = new VideoEncoder(file, format, frames.width(), frames.height(), fps,
        clockwiseQuarterTurns)) {
      for (int i = 0; i < frames.count(); i++) {
        out.write(frames.frame(i).rgb());
      }
      out.finish();
    }
    return file;
  }

  /** Every frame of {@code video}, decoded in order from the start (no seeking). */
  public static Frames decodeAll(Path video) throws IOException {
    ByteArrayOutputStream all = new ByteArrayOutputStream();
    int count = 0;
    try (VideoDecoder decoder = VideoDecoder.open(video)) {
      byte[] rgb = new byte[decoder.frameBytes()];
      while (decoder.next(rgb)) {
        all.write(rgb);
        count++;
      }
      return new Frames(count, decoder.height(), decoder.width(), all.toByteArray());
    }
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
}
