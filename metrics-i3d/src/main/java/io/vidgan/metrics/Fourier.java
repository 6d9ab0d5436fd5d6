package io.vidgan.metrics;

/**
 * In-place discrete Fourier transforms of complex arrays (split real and imaginary parts), in
 * double precision: radix-2 Cooley-Tukey for power-of-two lengths, the direct {@code O(n^2)} sum
 * otherwise.
 */
final class Fourier {
  private Fourier() {}

  /** Transforms every row, then every column, of {@code [H][W]} arrays. */
  static void transform2d(double[][] re, double[][] im) {
    int h = re.length;
    int w = re[0].length;
    for (int y = 0; y < h; y++) {
      transform(re[y], im[y]);
    }
    double[] colRe = new double[h];
    double[] colIm = new double[h];
    for (int x = 0; x < w; x++) {
      for (int y = 0; y < h; y++) {
        colRe[y] = re[y][x];
        colIm[y] = im[y][x];
      }
      transform(colRe, colIm);
      for (int y = 0; y < h; y++) {
        re[y][x] = colRe[y];
        im[y][x] = colIm[y];
      }
    }
  }

  /** {@code X_k = sum_n x_n exp(-2 pi i k n / N)}, in place. */
  static void transform(double[] re, double[] im) {
    int n = re.length;
    if (Integer.bitCount(n) == 1) {
      radix2(re, im);
    } else {
      direct(re, im);
    }
  }

  private static void radix2(double[] re, double[] im) {
    int n = re.length;
    for (int i = 1, j = 0; i < n; i++) {
      int bit = n >> 1;
      for (; (j & bit) != 0; bit >>= 1) {
        j ^= bit;
      }
      j ^= bit;
      if (i < j) {
        swap(re, i, j);
        swap(im, i, j);
      }
    }
    for (int len = 2; len <= n; len <<= 1) {
      double angle = -2 * Math.PI / len;
      for (int start = 0; start < n; start += len) {
        for (int k = 0; k < len / 2; k++) {
          double c = Math.cos(angle * k);
          double s = Math.sin(angle * k);
          int a = start + k;
          int b = a + len / 2;
          double tr = re[b] * c - im[b] * s;
          double ti = re[b] * s + im[b] * c;
          re[b] = re[a] - tr;
          im[b] = im[a] - ti;
          re[a] += tr;
          im[a] += ti;
        }
      }
    }
  }

  private static void direct(double[] re, double[] im) {
    int n = re.length;
    double[] outRe = new double[n];
    double[] outIm = new double[n];
    for (int k = 0; k < n; k++) {
      for (int t = 0; t < n; t++) {
        double angle = -2 * Math.PI * ((long) k * t % n) / n;
        outRe[k] += re[t] * Math.cos(angle) - im[t] * Math.sin(angle);
        outIm[k] += re[t] * Math.sin(angle) + im[t] * Math.cos(angle);
      }
    }
    System.arraycopy(outRe, 0, re, 0, n);
    System.arraycopy(outIm, 0, im, 0, n);
  }

  private static void swap(double[] a, int i, int j) {
    double t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
