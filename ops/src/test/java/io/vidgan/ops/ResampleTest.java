package io.vidgan.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vidgan.ops.testing.TfRun;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class ResampleTest {
  /** A [1, 2, 4, 4, 1] video whose value encodes (t, i, j) as 100 t + 10 i + j. */
  private static float[] indexVideo() {
    float[] v = new float[32];
    for (int t = 0; t < 2; t++) {
      for (int i = 0; i < 4; i++) {
        for (int j = 0; j < 4; j++) {
          v[(t * 4 + i) * 4 + j] = 100 * t + 10 * i + j;
        }
      }
    }
    return v;
  }

  private static float[] run(BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>> f,
      long[] expectedShape) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      Operand<TFloat32> x = tf.constant(Shape.of(1, 2, 4, 4, 1),
          org.tensorflow.ndarray.buffer.DataBuffers.of(indexVideo(), true, false));
      Operand<TFloat32> y = f.apply(tf, x);
      assertArrayEquals(expectedShape, y.shape().asArray());
      return TfRun.fetch(s, y);
    }
  }

  @Test
  void downsampleSpaceKeepsEveryOtherPixelFromZero() {
    float[] y = run((tf, x) -> Resample.downsampleSpace(tf, x, 2), new long[] {1, 2, 2, 2, 1});
    assertArrayEquals(new float[] {0, 2, 20, 22, 100, 102, 120, 122}, y);
  }

  @Test
  void upsampleSpaceRepeatsPixels() {
    float[] y = run((tf, x) -> Resample.upsampleSpace(tf, x, 2), new long[] {1, 2, 8, 8, 1});
    assertEquals(0f, y[0]);
    assertEquals(0f, y[9]);
    assertEquals(1f, y[2]);
    assertEquals(10f, y[16]);
    assertEquals(133f, y[64 + 63]);
  }

  @Test
  void upThenDownIsIdentity() {
    float[] y = run((tf, x) -> Resample.downsampleSpace(tf, Resample.upsampleSpace(tf, x, 4), 4),
        new long[] {1, 2, 4, 4, 1});
    assertArrayEquals(indexVideo(), y);
  }

  @Test
  void repeatAndSubsampleFrames() {
    float[] up = run((tf, x) -> Resample.repeatFrames(tf, x, 3), new long[] {1, 6, 4, 4, 1});
    assertEquals(0f, up[16 * 2]);
    assertEquals(100f, up[16 * 3]);
    float[] down = run((tf, x) -> Resample.subsampleFrames(tf, Resample.repeatFrames(tf, x, 3), 3),
        new long[] {1, 2, 4, 4, 1});
    assertArrayEquals(indexVideo(), down);
  }

  @Test
  void avgPoolAveragesTwoByTwo() {
    float[] y = run((tf, x) -> Resample.avgPoolSpace(tf, x, 2), new long[] {1, 2, 2, 2, 1});
    assertArrayEquals(new float[] {5.5f, 7.5f, 25.5f, 27.5f, 105.5f, 107.5f, 125.5f, 127.5f}, y);
  }

  @Test
  void rejectsNonVideos() {
    try (Graph g = new Graph()) {
      Ops tf = Scopes.root(g);
      Operand<TFloat32> image = tf.zeros(tf.constant(new long[] {1, 4, 4, 3}), TFloat32.class);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Resample.avgPoolSpace(tf, image, 2));
      org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("[B, T, H, W, C]"));
    }
  }
}
