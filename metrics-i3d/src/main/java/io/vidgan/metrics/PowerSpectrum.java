package io.vidgan.metrics;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.data.Frames;

/**
 * The radially averaged power spectral density of a frame, as HVG App. D and SSW-GAN App. E
 * compare generated and real videos to measure blur (after Ayzel et al., 2020, pysteps' {@code
 * rapsd}): the frame's luma (BT.601 weights, mean removed) is transformed with a 2-D DFT, {@code
 * |F(u, v)|^2 / (H W)} is averaged over rings of integer radius {@code round(sqrt(u^2 + v^2))}
 * (frequencies centred), for radii {@code 0 .. min(H, W) / 2}. By Parseval's theorem the sum of
 * {@code |F|^2 / (H W)} over all frequencies is the sum of squares of the centred luma.
 *
 * @see <a href="https://arxiv.org/abs/2106.02719">Castrejon et al., 2021, Hierarchical Video
 *     Generation for Complex Data</a>, App. D
 */
public final class PowerSpectrum {
  private PowerSpectrum() {}

  /** Radially averaged PSD of frame {@code t} of {@code video}: {@code min(H, W) / 2 + 1} bins. */
  public static double[] radial(Frames video, int t) {
    int h = video.height();
    int w = video.width();
    double[][] re = luma(video, t);
    double[][] im = new double[h][w];
    Fourier.transform2d(re, im);
    int bins = Math.min(h, w) / 2 + 1;
    double[] sum = new double[bins];
    int[] count = new int[bins];
    for (int y = 0; y < h; y++) {
      int fy = y <= h / 2 ? y : y - h;
      for (int x = 0; x < w; x++) {
        int fx = x <= w / 2 ? x : x - w;
        int r = (int) Math.round(Math.sqrt((double) fy * fy + (double) fx * fx));
        if (r < bins) {
          sum[r] += (re[y][x] * re[y][x] + im[y][x] * im[y][x]) / ((double) h * w);
          count[r]++;
        }
      }
    }
    for (int r = 0; r < bins; r++) {
      sum[r] /= count[r];
    }
    return sum;
  }

  /** Luma of frame {@code t} in 8-bit levels, its mean subtracted. */
  static double[][] luma(Frames video, int t) {
    checkArgument(t >= 0 && t < video.count(), "frame %s of %s", t, video.count());
    int h = video.height();
    int w = video.width();
    byte[] rgb = video.rgb();
    int base = t * h * w * 3;
    double[][] y = new double[h][w];
    double mean = 0;
    for (int i = 0; i < h; i++) {
      for (int j = 0; j < w; j++) {
        int p = base + (i * w + j) * 3;
        y[i][j] = 0.299 * (rgb[p] & 0xff) + 0.587 * (rgb[p + 1] & 0xff)
            + 0.114 * (rgb[p + 2] & 0xff);
        mean += y[i][j];
      }
    }
    mean /= (double) h * w;
    for (double[] row : y) {
      for (int j = 0; j < w; j++) {
        row[j] -= mean;
      }
    }
    return y;
  }
}
