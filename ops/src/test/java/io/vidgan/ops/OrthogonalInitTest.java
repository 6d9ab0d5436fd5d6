package io.vidgan.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vidgan.ops.testing.TfRun;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;

class OrthogonalInitTest {
  @ParameterizedTest(name = "{0} gain {1}")
  @CsvSource({"16x16, 1.0", "32x8, 1.0", "8x32, 2.0", "3x3x4x6, 1.5", "1x64x10, 0.5"})
  void columnsOrRowsAreOrthonormalTimesGain(String dims, float gain) {
    long[] shape = java.util.Arrays.stream(dims.split("x")).mapToLong(Long::parseLong).toArray();
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      float[] w = TfRun.fetch(s, new OrthogonalInit(gain, 3L).initialValue(tf, "w",
          Shape.of(shape)));
      int cols = (int) shape[shape.length - 1];
      int rows = w.length / cols;
      boolean tall = rows >= cols;
      int n = tall ? cols : rows;
      for (int a = 0; a < n; a++) {
        for (int b = 0; b < n; b++) {
          double dot = 0;
          for (int k = 0; k < (tall ? rows : cols); k++) {
            dot += tall ? w[k * cols + a] * w[k * cols + b] : w[a * cols + k] * w[b * cols + k];
          }
          assertEquals(a == b ? gain * gain : 0.0, dot, 1e-4 * Math.max(1, gain * gain),
              "entry " + a + "," + b);
        }
      }
    }
  }

  @org.junit.jupiter.api.Test
  void seedAndNameDetermineTheValue() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      Shape shape = Shape.of(4, 4);
      float[] a = TfRun.fetch(s, new OrthogonalInit(5L).initialValue(tf, "a", shape));
      float[] a2 = TfRun.fetch(s, new OrthogonalInit(5L).initialValue(tf, "a", shape));
      float[] b = TfRun.fetch(s, new OrthogonalInit(5L).initialValue(tf, "b", shape));
      assertEquals(0.0, TfRun.maxAbsDiff(a, a2));
      org.junit.jupiter.api.Assertions.assertTrue(TfRun.maxAbsDiff(a, b) > 1e-3);
    }
  }
}
