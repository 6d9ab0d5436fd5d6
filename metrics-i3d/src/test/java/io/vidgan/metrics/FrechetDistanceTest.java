package io.vidgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Fréchet distance: zero, closed forms, and an independent computation via sqrtm(S1 S2). */
class FrechetDistanceTest {
  @Test
  void identicalSetsAreAtDistanceZero() {
    FeatureStatistics a = stats(features(3000, 64, 1, 0.0), 64);
    double d = FrechetDistance.between(a, a, CovarianceEstimator.UNBIASED);
    assertEquals(0, d, 1e-9);
  }

  @Test
  void diagonalGaussiansHaveTheClosedForm() {
    int n = 6;
    Random r = new Random(2);
    double[] mu1 = new double[n];
    double[] mu2 = new double[n];
    double[] cov1 = new double[n * n];
    double[] cov2 = new double[n * n];
    double expected = 0;
    for (int i = 0; i < n; i++) {
      mu1[i] = r.nextGaussian();
      mu2[i] = r.nextGaussian();
      double a = 0.1 + 3 * r.nextDouble();
      double b = 0.1 + 3 * r.nextDouble();
      cov1[i * n + i] = a;
      cov2[i * n + i] = b;
      expected += (mu1[i] - mu2[i]) * (mu1[i] - mu2[i])
          + (Math.sqrt(a) - Math.sqrt(b)) * (Math.sqrt(a) - Math.sqrt(b));
    }
    assertEquals(expected, FrechetDistance.between(mu1, cov1, mu2, cov2), 1e-12 * expected);
  }

  @Test
  void shiftedMeansWithEqualCovariancesGiveTheSquaredShift() {
    int n = 16;
    FeatureStatistics s = stats(features(500, n, 3, 0.0), n);
    double[] cov = s.covariance(CovarianceEstimator.UNBIASED);
    double[] mu1 = s.mean();
    double[] mu2 = mu1.clone();
    double shift = 0;
    for (int i = 0; i < n; i++) {
      mu2[i] += 0.25 * (i % 3 - 1);
      shift += (mu2[i] - mu1[i]) * (mu2[i] - mu1[i]);
    }
    assertEquals(shift, FrechetDistance.between(mu1, cov, mu2, cov), 1e-9);
  }

  @Test
  void agreesWithDenmanBeaversSquareRootOfTheProductOn64dFeatures() {
    int n = 64;
    float[] x = features(700, n, 4, 0.0);
    float[] y = features(900, n, 5, 0.3);
    for (CovarianceEstimator e : CovarianceEstimator.values()) {
      double expected = straightforward(x, 700, y, 900, n, e);
      double got = FrechetDistance.between(stats(x, n), stats(y, n), e);
      assertEquals(expected, got, 1e-8 * expected, e.name());
    }
    double unbiased = straightforward(x, 700, y, 900, n, CovarianceEstimator.UNBIASED);
    double biased = straightforward(x, 700, y, 900, n, CovarianceEstimator.BIASED);
    assertTrue(Math.abs(unbiased - biased) > 1e-6 * unbiased, "estimators must differ here");
  }

  /** Correlated Gaussian features: z A + offset, with a random mixing matrix per seed. */
  static float[] features(int rows, int n, long seed, double offset) {
    Random r = new Random(seed);
    double[] mix = new double[n * n];
    for (int i = 0; i < mix.length; i++) {
      mix[i] = r.nextGaussian() / Math.sqrt(n);
    }
    float[] out = new float[rows * n];
    double[] z = new double[n];
    for (int row = 0; row < rows; row++) {
      for (int i = 0; i < n; i++) {
        z[i] = r.nextGaussian();
      }
      for (int j = 0; j < n; j++) {
        double v = offset + 0.5 * z[j];
        for (int i = 0; i < n; i++) {
          v += z[i] * mix[i * n + j];
        }
        out[row * n + j] = (float) v;
      }
    }
    return out;
  }

  static FeatureStatistics stats(float[] x, int n) {
    FeatureStatistics s = new FeatureStatistics(n);
    s.add(x, x.length / n);
    return s;
  }

  /** Two-pass moments and Tr(sqrtm(S1 S2)) by the Denman-Beavers iteration, all in plain Java. */
  private static double straightforward(float[] x, int nx, float[] y, int ny, int n,
      CovarianceEstimator e) {
    double[] mx = mean(x, nx, n);
    double[] my = mean(y, ny, n);
    double[] sx = cov(x, nx, n, mx, e == CovarianceEstimator.UNBIASED ? nx - 1 : nx);
    double[] sy = cov(y, ny, n, my, e == CovarianceEstimator.UNBIASED ? ny - 1 : ny);
    double[] root = DenseMatrix.sqrtDenmanBeavers(DenseMatrix.multiply(sx, sy, n), n);
    double d = 0;
    for (int i = 0; i < n; i++) {
      d += (mx[i] - my[i]) * (mx[i] - my[i]) + sx[i * n + i] + sy[i * n + i]
          - 2 * root[i * n + i];
    }
    return d;
  }

  private static double[] mean(float[] x, int rows, int n) {
    double[] m = new double[n];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < n; i++) {
        m[i] += x[r * n + i] / (double) rows;
      }
    }
    return m;
  }

  private static double[] cov(float[] x, int rows, int n, double[] m, double divisor) {
    double[] c = new double[n * n];
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          c[i * n + j] += (x[r * n + i] - m[i]) * (x[r * n + j] - m[j]) / divisor;
        }
      }
    }
    return c;
  }
}
