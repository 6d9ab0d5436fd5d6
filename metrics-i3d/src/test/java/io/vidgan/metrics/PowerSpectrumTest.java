package io.vidgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.data.Frames;
import java.util.Random;
import org.junit.jupiter.api.Test;

class PowerSpectrumTest {
  /** A grey frame whose luma is {@code value(y, x)} (all three channels equal). */
  private static Frames grey(int h, int w, java.util.function.IntBinaryOperator value) {
    byte[] rgb = new byte[h * w * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        byte v = (byte) value.applyAsInt(y, x);
        rgb[(y * w + x) * 3] = v;
        rgb[(y * w + x) * 3 + 1] = v;
        rgb[(y * w + x) * 3 + 2] = v;
      }
    }
    return new Frames(1, h, w, rgb);
  }

  @Test
  void aCosinePutsItsPowerAtItsFrequency() {
    Frames wave = grey(32, 32, (y, x) -> (int) Math.round(128 + 100 * Math.cos(
        2 * Math.PI * 5 * x / 32)));
    double[] psd = PowerSpectrum.radial(wave, 0);
    assertEquals(17, psd.length);
    int peak = 0;
    for (int r = 1; r < psd.length; r++) {
      peak = psd[r] > psd[peak] ? r : peak;
    }
    assertEquals(5, peak);
  }

  /** Parseval: the PSD summed over every frequency is the sum of squares of the centred luma. */
  @Test
  void totalPowerIsTheVarianceTimesThePixels() {
    Random random = new Random(7);
    for (int[] size : new int[][] {{16, 16}, {12, 20}}) {
      Frames noise = grey(size[0], size[1], (y, x) -> random.nextInt(256));
      double[][] luma = PowerSpectrum.luma(noise, 0);
      double squares = 0;
      for (double[] row : luma) {
        for (double v : row) {
          squares += v * v;
        }
      }
      double[][] re = PowerSpectrum.luma(noise, 0);
      double[][] im = new double[size[0]][size[1]];
      Fourier.transform2d(re, im);
      double power = 0;
      for (int y = 0; y < size[0]; y++) {
        for (int x = 0; x < size[1]; x++) {
          power += (re[y][x] * re[y][x] + im[y][x] * im[y][x]) / (size[0] * size[1]);
        }
      }
      assertEquals(squares, power, 1e-9 * squares, size[0] + "x" + size[1]);
    }
  }

  /**
   * A 3x3 box blur multiplies the spectrum by {@code |H|^2}, which is 1 at frequency 0 and at
   * most {@code (1/3)^2} along the axes at Nyquist: the highest band drops by far more than the
   * lowest.
   */
  @Test
  void blurringDropsTheHighFrequencies() {
    Random random = new Random(3);
    int n = 64;
    int[][] v = new int[n][n];
    for (int[] row : v) {
      for (int x = 0; x < n; x++) {
        row[x] = random.nextInt(256);
      }
    }
    Frames sharp = grey(n, n, (y, x) -> v[y][x]);
    Frames blurred = grey(n, n, (y, x) -> {
      int sum = 0;
      for (int dy = -1; dy <= 1; dy++) {
        for (int dx = -1; dx <= 1; dx++) {
          sum += v[Math.floorMod(y + dy, n)][Math.floorMod(x + dx, n)];
        }
      }
      return Math.round(sum / 9f);
    });
    double[] a = EvalPsd.bands(log(PowerSpectrum.radial(sharp, 0)));
    double[] b = EvalPsd.bands(log(PowerSpectrum.radial(blurred, 0)));
    assertTrue(a[1] - b[1] > 1, "high band drops by over a decade: " + (a[1] - b[1]));
    assertTrue(a[0] - b[0] < 0.5, "low band nearly kept: " + (a[0] - b[0]));
  }

  private static double[] log(double[] psd) {
    double[] out = new double[psd.length];
    for (int i = 0; i < psd.length; i++) {
      out[i] = Math.log10(psd[i]);
    }
    return out;
  }
}
