package io.vidgan.data;

/**
 * Resizes frames so they cover {@code H x W} (the shorter side scaled to fit, aspect kept) with an
 * antialiased bilinear filter, then crops the other side at a given offset: DVD-GAN's data
 * preprocessing (Clark et al., 2019, <a href="https://arxiv.org/abs/1907.06571">Adversarial Video
 * Generation on Complex Datasets</a>, App. B.1), with the random crop drawn by the caller.
 *
 * <p>The filter is a triangle whose support grows by {@code 1/scale} when shrinking (as TF's
 * {@code resize(..., antialias=True)} does), sampled at half-pixel centres; taps outside the image
 * are dropped and the rest renormalised. At scale 1 it is the identity, so frames already at the
 * base resolution pass through unchanged.
 */
final class CoverResize {
  /** The taps of one output axis: for output {@code o}, inputs {@code first[o] ...}. */
  private record Axis(int[] first, float[][] weights) {
    /** Whether output {@code o} is input {@code first[0] + o} (scale 1, whole-pixel crop). */
    boolean isCrop() {
      for (int o = 0; o < first.length; o++) {
        if (weights[o].length != 1 || weights[o][0] != 1f || first[o] != first[0] + o) {
          return false;
        }
      }
      return true;
    }
  }

  private CoverResize() {}

  /**
   * Resizes and crops every frame.
   *
   * @param cropY where the crop falls along the rows' slack, in {@code [0, 1)}
   * @param cropX the same along the columns
   * @return {@code [count, height, width, 3]} pixel values in {@code [0, 255]}, not rounded
   */
  static float[] apply(Frames frames, int height, int width, double cropY, double cropX) {
    double scale = Math.max((double) height / frames.height(), (double) width / frames.width());
    Axis rows = axis(frames.height(), height, scale, cropY);
    Axis cols = axis(frames.width(), width, scale, cropX);
    if (rows.isCrop() && cols.isCrop()) {
      return crop(frames, height, width, rows.first()[0], cols.first()[0]);
    }
    int inW = frames.width();
    int firstRow = rows.first()[0];
    int lastRow = rows.first()[height - 1] + rows.weights()[height - 1].length;
    float[] horizontal = new float[(lastRow - firstRow) * width * 3];
    float[] out = new float[frames.count() * height * width * 3];
    byte[] rgb = frames.rgb();
    for (int f = 0; f < frames.count(); f++) {
      int frameBase = f * frames.frameBytes();
      for (int y = firstRow; y < lastRow; y++) {
        int inRow = frameBase + y * inW * 3;
        int tmpRow = (y - firstRow) * width * 3;
        for (int x = 0; x < width; x++) {
          float[] w = cols.weights()[x];
          int in = inRow + cols.first()[x] * 3;
          for (int c = 0; c < 3; c++) {
            float sum = 0;
            for (int k = 0; k < w.length; k++) {
              sum += w[k] * (rgb[in + 3 * k + c] & 0xff);
            }
            horizontal[tmpRow + x * 3 + c] = sum;
          }
        }
      }
      int outFrame = f * height * width * 3;
      for (int y = 0; y < height; y++) {
        float[] w = rows.weights()[y];
        int tmp = (rows.first()[y] - firstRow) * width * 3;
        int o = outFrame + y * width * 3;
        for (int i = 0; i < width * 3; i++) {
          float sum = 0;
          for (int k = 0; k < w.length; k++) {
            sum += w[k] * horizontal[tmp + k * width * 3 + i];
          }
          out[o + i] = sum;
        }
      }
    }
    return out;
  }

  /** The {@code height x width} window at {@code (top, left)} of every frame, as floats. */
  private static float[] crop(Frames frames, int height, int width, int top, int left) {
    float[] out = new float[frames.count() * height * width * 3];
    byte[] rgb = frames.rgb();
    int o = 0;
    for (int f = 0; f < frames.count(); f++) {
      for (int y = 0; y < height; y++) {
        int in = f * frames.frameBytes() + ((top + y) * frames.width() + left) * 3;
        for (int i = 0; i < width * 3; i++) {
          out[o++] = rgb[in + i] & 0xff;
        }
      }
    }
    return out;
  }

  /**
   * The taps for {@code out} outputs of an axis of {@code in} pixels scaled by {@code scale} and
   * cropped at {@code crop} of the slack (whole pixels, so scale 1 stays exact).
   */
  private static Axis axis(int in, int out, double scale, double crop) {
    int slack = Math.max(0, (int) Math.floor(in * scale + 1e-9) - out);
    int offset = (int) Math.min(slack, Math.floor(crop * (slack + 1)));
    double support = scale < 1 ? 1 / scale : 1;
    int[] first = new int[out];
    float[][] weights = new float[out][];
    for (int o = 0; o < out; o++) {
      double centre = (o + offset + 0.5) / scale - 0.5;
      int lo = Math.max(0, (int) Math.floor(centre - support) + 1);
      int hi = Math.min(in - 1, (int) Math.ceil(centre + support) - 1);
      double total = 0;
      double[] w = new double[hi - lo + 1];
      for (int i = lo; i <= hi; i++) {
        w[i - lo] = Math.max(0, 1 - Math.abs(i - centre) / support);
        total += w[i - lo];
      }
      first[o] = lo;
      weights[o] = new float[w.length];
      for (int k = 0; k < w.length; k++) {
        weights[o][k] = (float) (w[k] / total);
      }
    }
    return new Axis(first, weights);
  }
}
