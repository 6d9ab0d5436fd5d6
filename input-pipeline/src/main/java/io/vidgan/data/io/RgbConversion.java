package io.vidgan.data.io;

import static org.bytedeco.ffmpeg.global.avutil.AV_PIX_FMT_RGB24;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_alloc;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_free;
import static org.bytedeco.ffmpeg.global.avutil.av_frame_get_buffer;
import static org.bytedeco.ffmpeg.global.swscale.SWS_BICUBIC;
import static org.bytedeco.ffmpeg.global.swscale.sws_freeContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_getCachedContext;
import static org.bytedeco.ffmpeg.global.swscale.sws_scale;

import io.vidgan.data.DatasetException;
import org.bytedeco.ffmpeg.avutil.AVFrame;
import org.bytedeco.ffmpeg.swscale.SwsContext;
import org.bytedeco.javacpp.DoublePointer;
import org.bytedeco.javacpp.PointerPointer;

/**
 * Pixel-format conversion between packed {@code rgb24} bytes and a codec's frames, with
 * libswscale at the frame's own size and the {@code ffmpeg} command line's default flags
 * (bicubic): decoded pixels are byte-identical to {@code ffmpeg -i FILE -pix_fmt rgb24}, which
 * the dataset readers used before (checked on H.264 and XviD). The scaler is rebuilt only if the
 * other side's format or size changes mid-stream.
 */
final class RgbConversion implements AutoCloseable {
  private static final int FLAGS = SWS_BICUBIC;

  private final String file;
  private AVFrame rgb;
  private SwsContext scaler;

  RgbConversion(String file) {
    this.file = file;
  }

  /** Converts {@code frame} into {@code out} (packed rgb24, {@code frame}'s size, row-major). */
  void toRgb(AVFrame frame, byte[] out) throws DatasetException {
    int w = frame.width();
    int h = frame.height();
    ensureRgb(w, h);
    scaler = sws_getCachedContext(scaler, w, h, frame.format(), w, h, AV_PIX_FMT_RGB24, FLAGS,
        null, null, (DoublePointer) null);
    check();
    sws_scale(scaler, new PointerPointer<>(frame), frame.linesize(), 0, h,
        new PointerPointer<>(rgb), rgb.linesize());
    int stride = rgb.linesize(0);
    for (int y = 0; y < h; y++) {
      rgb.data(0).position((long) y * stride).get(out, y * w * 3, w * 3);
    }
    rgb.data(0).position(0);
  }

  /** Converts packed rgb24 {@code in} into {@code frame} (allocated, writable, its size). */
  void fromRgb(byte[] in, int width, int height, AVFrame frame) throws DatasetException {
    ensureRgb(width, height);
    int stride = rgb.linesize(0);
    for (int y = 0; y < height; y++) {
      rgb.data(0).position((long) y * stride).put(in, y * width * 3, width * 3);
    }
    rgb.data(0).position(0);
    scaler = sws_getCachedContext(scaler, width, height, AV_PIX_FMT_RGB24, frame.width(),
        frame.height(), frame.format(), FLAGS, null, null, (DoublePointer) null);
    check();
    sws_scale(scaler, new PointerPointer<>(rgb), rgb.linesize(), 0, height,
        new PointerPointer<>(frame), frame.linesize());
  }

  private void ensureRgb(int width, int height) throws DatasetException {
    if (rgb == null || rgb.width() != width || rgb.height() != height) {
      if (rgb != null) {
        av_frame_free(rgb);
      }
      rgb = av_frame_alloc().format(AV_PIX_FMT_RGB24).width(width).height(height);
      FfmpegCalls.check(av_frame_get_buffer(rgb, 0), file, "allocating an RGB frame");
    }
  }

  private void check() throws DatasetException {
    if (scaler == null || scaler.isNull()) {
      throw new DatasetException(file, "libswscale cannot convert this pixel format to RGB");
    }
  }

  @Override
  public void close() {
    sws_freeContext(scaler);
    if (rgb != null) {
      av_frame_free(rgb);
    }
  }
}
