package io.vidgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Inception Score: its bounds (1 and the number of classes used) and a hand computation. */
class InceptionScoreTest {
  @Test
  void uniformPredictionsScoreOne() {
    float[] logits = new float[200 * 400];
    InceptionScore.Score s = InceptionScore.fromLogits(logits, 200, 400, 10);
    assertEquals(1.0, s.mean(), 1e-12);
    assertEquals(0.0, s.std(), 1e-12);
  }

  @Test
  void confidentEquallyFrequentClassesScoreTheirNumber() {
    int used = 7;
    int classes = 400;
    int rows = 10 * used * 3;
    float[] logits = new float[rows * classes];
    for (int r = 0; r < rows; r++) {
      logits[r * classes + 11 * (r % used)] = 60f;
    }
    InceptionScore.Score s = InceptionScore.fromLogits(logits, rows, classes, 10);
    assertEquals(used, s.mean(), 1e-9);
    assertEquals(0, s.std(), 1e-9);
  }

  @Test
  void matchesAHandComputation() {
    // Rows p = (1, 0) and (1/2, 1/2): marginal (3/4, 1/4),
    // KL = [log(4/3) + (log(2/3) + log 2) / 2] / 2, IS = exp(KL).
    float[] logits = {200f, 0f, 0f, 0f};
    double kl = (Math.log(4.0 / 3) + 0.5 * (Math.log(2.0 / 3) + Math.log(2))) / 2;
    assertEquals(Math.exp(kl), InceptionScore.fromLogits(logits, 2, 2, 1).mean(), 1e-12);
    // Two splits of one row each score 1; splitting as [0, n/2) and [n/2, n) with 3 rows gives
    // a 1-row split (score 1) and a 2-row split (the score above): std is half their gap.
    float[] three = {0f, 0f, 200f, 0f, 0f, 0f};
    InceptionScore.Score s = InceptionScore.fromLogits(three, 3, 2, 2);
    assertEquals((1 + Math.exp(kl)) / 2, s.mean(), 1e-12);
    assertEquals((Math.exp(kl) - 1) / 2, s.std(), 1e-12);
  }
}
