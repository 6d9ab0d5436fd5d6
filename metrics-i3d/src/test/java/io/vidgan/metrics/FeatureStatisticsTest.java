package io.vidgan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** Streaming mean and covariance equal the two-pass ones, whatever the batching. */
class FeatureStatisticsTest {
  private static final int N = 8;

  @Test
  void batchesOfAnySizeGiveTheTwoPassMoments() {
    // A large common offset is where summing x x^T would lose digits.
    float[] x = FrechetDistanceTest.features(301, N, 7, 1000.0);
    FeatureStatistics streamed = new FeatureStatistics(N);
    int[] batches = {1, 17, 128, 5, 150};
    int at = 0;
    for (int b : batches) {
      streamed.add(Arrays.copyOfRange(x, at * N, (at + b) * N), b);
      at += b;
    }
    assertEquals(301, streamed.count());
    double[] mean = new double[N];
    for (int r = 0; r < 301; r++) {
      for (int i = 0; i < N; i++) {
        mean[i] += x[r * N + i] / 301.0;
      }
    }
    assertArrayEquals(mean, streamed.mean(), 1e-9);
    double[] unbiased = streamed.covariance(CovarianceEstimator.UNBIASED);
    double[] biased = streamed.covariance(CovarianceEstimator.BIASED);
    for (int i = 0; i < N; i++) {
      for (int j = 0; j < N; j++) {
        double c = 0;
        for (int r = 0; r < 301; r++) {
          c += (x[r * N + i] - mean[i]) * (x[r * N + j] - mean[j]);
        }
        assertEquals(c / 300, unbiased[i * N + j], 1e-9 * (1 + Math.abs(c / 300)));
        assertEquals(c / 301, biased[i * N + j], 1e-9 * (1 + Math.abs(c / 301)));
      }
    }
  }

  @Test
  void writeThenReadIsExact() throws IOException {
    FeatureStatistics s = FrechetDistanceTest.stats(FrechetDistanceTest.features(50, N, 8, 0),
        N);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    s.write(new DataOutputStream(bytes));
    FeatureStatistics back = FeatureStatistics.read(
        new DataInputStream(new ByteArrayInputStream(bytes.toByteArray())));
    assertEquals(s.count(), back.count());
    assertArrayEquals(s.mean(), back.mean(), 0);
    assertArrayEquals(s.covariance(CovarianceEstimator.UNBIASED),
        back.covariance(CovarianceEstimator.UNBIASED), 0);
  }

  @Test
  void covarianceNeedsTwoVectors() {
    FeatureStatistics s = new FeatureStatistics(N);
    s.add(new float[N], 1);
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> s.covariance(CovarianceEstimator.UNBIASED));
    assertEquals("a covariance needs at least 2 vectors, have 1", e.getMessage());
  }
}
