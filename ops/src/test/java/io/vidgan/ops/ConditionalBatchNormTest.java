package io.vidgan.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.ops.testing.TfRun;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class ConditionalBatchNormTest {
  private static final int B = 4;
  private static final int T = 3;
  private static final int H = 2;
  private static final int W = 2;
  private static final int C = 2;

  /** Frame t has mean 10 t and std t + 1 (channel 1 shifted by 5). */
  private static float[] framesWithDifferentMoments() {
    float[] noise = TfRun.gaussian(B * T * H * W * C, 4);
    float[] x = new float[noise.length];
    for (int i = 0; i < x.length; i++) {
      int c = i % C;
      int t = (i / (C * W * H)) % T;
      x[i] = 10f * t + 5f * c + (t + 1) * noise[i];
    }
    return x;
  }

  /** A placeholder for {@code [B, frames, H, W, C]} videos. */
  private static Placeholder<TFloat32> video(Ops tf, int frames) {
    return tf.placeholder(TFloat32.class, Placeholder.shape(Shape.of(B, frames, H, W, C)));
  }

  /** A batch norm {@code bn} over {@code C} channels and {@code T} frames of statistics. */
  private static BatchNorm batchNorm(Ops tf, BuildMode mode) {
    return new BatchNorm(new LayerFactory(tf, mode, 1L, false), "bn", C, T);
  }

  /** Index {@code t * C + c} of element {@code i} of a [B, T, H, W, C] array. */
  private static int key(int i) {
    return ((i / (C * W * H)) % T) * C + i % C;
  }

  /** Per-(t, c) mean and variance of a [B, T, H, W, C] array. */
  private static double[][] moments(float[] y) {
    double[][] out = new double[2][T * C];
    int n = B * H * W;
    for (int i = 0; i < y.length; i++) {
      out[0][key(i)] += y[i] / n;
    }
    for (int i = 0; i < y.length; i++) {
      out[1][key(i)] += Math.pow(y[i] - out[0][key(i)], 2) / n;
    }
    return out;
  }

  @Test
  void eachFrameIsNormalisedWithItsOwnStatistics() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      LayerFactory f = new LayerFactory(tf, BuildMode.train(), 1L, false);
      ConditionalBatchNorm cbn = new ConditionalBatchNorm(f, "cbn", C, 3, T);
      Placeholder<TFloat32> x = video(tf, T);
      // A zero condition makes gain 1 + 0 and bias 0: the output is the normalised input.
      Operand<TFloat32> y = cbn.apply(tf, x, tf.zeros(tf.constant(new long[] {B, 3}),
          TFloat32.class));
      double[][] m = moments(TfRun.fetch(s, y, Map.of(x, framesWithDifferentMoments())));
      for (int k = 0; k < T * C; k++) {
        assertEquals(0.0, m[0][k], 1e-4, "mean of frame/channel " + k);
        assertEquals(1.0, m[1][k], 1e-3, "variance of frame/channel " + k);
      }
    }
  }

  /** {@code (x - mean_tc) / sqrt(var_tc + eps)} of a [B, T, H, W, C] array, batch moments. */
  private static double[] normalised(float[] x) {
    double[][] m = moments(x);
    double[] out = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = (x[i] - m[0][key(i)]) / Math.sqrt(m[1][key(i)] + FrameNorm.EPSILON_DEFAULT);
    }
    return out;
  }

  /** The condition sets gain and bias, each video its own: the condition differs per row. */
  @Test
  void eachVideoIsScaledAndShiftedByItsOwnCondition() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      LayerFactory f = new LayerFactory(tf, BuildMode.train(), 1L, false);
      ConditionalBatchNorm cbn = new ConditionalBatchNorm(f, "cbn", C, 1, T);
      Placeholder<TFloat32> x = video(tf, T);
      float[] cond = {0.5f, -1f, 2f, 0.25f};
      Operand<TFloat32> y = cbn.apply(tf, x, tf.constant(new float[][] {{cond[0]}, {cond[1]},
          {cond[2]}, {cond[3]}}));
      float[] gain = TfRun.fetch(s, "cbn/gain/kernel");
      float[] bias = TfRun.fetch(s, "cbn/bias/kernel");
      float[] in = framesWithDifferentMoments();
      float[] out = TfRun.fetch(s, y, Map.of(x, in));
      double[] xhat = normalised(in);
      for (int i = 0; i < in.length; i++) {
        int b = i / (T * H * W * C);
        int c = i % C;
        assertEquals(xhat[i] * (1 + cond[b] * gain[c]) + cond[b] * bias[c], out[i], 1e-4,
            "element " + i);
      }
    }
  }

  @Test
  void batchNormAppliesItsGammaAndBetaPerChannel() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      Placeholder<TFloat32> x = video(tf, T);
      Operand<TFloat32> y = batchNorm(tf, BuildMode.train()).apply(tf, x);
      float[] gamma = {2f, -0.5f};
      float[] beta = {0.3f, -1f};
      s.runner()
          .addTarget(tf.assign(g.operation("bn/gamma").<TFloat32>output(0), tf.constant(gamma)))
          .addTarget(tf.assign(g.operation("bn/beta").<TFloat32>output(0), tf.constant(beta)))
          .run();
      float[] in = framesWithDifferentMoments();
      float[] out = TfRun.fetch(s, y, Map.of(x, in));
      double[] xhat = normalised(in);
      for (int i = 0; i < in.length; i++) {
        assertEquals(xhat[i] * gamma[i % C] + beta[i % C], out[i], 1e-4, "element " + i);
      }
    }
  }

  /** A {@code [B, C]} gain would broadcast against {@code [W, C]}: refused, not misapplied. */
  @Test
  void aGainWithoutItsFrameAndSpaceAxesIsRefused() {
    try (Graph g = new Graph()) {
      Ops tf = Scopes.root(g);
      FrameNorm norm = new FrameNorm(new LayerFactory(tf, BuildMode.train(), 1L, false), C, T);
      Operand<TFloat32> perRow = tf.zeros(tf.constant(new long[] {B, C}), TFloat32.class);
      Operand<TFloat32> perChannel = tf.zeros(tf.constant(new long[] {C}), TFloat32.class);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> norm.apply(tf, video(tf, T), perRow, perChannel));
      assertTrue(e.getMessage().contains("gain"), e.getMessage());
      assertThrows(IllegalArgumentException.class,
          () -> norm.apply(tf, video(tf, T), perChannel, perRow));
    }
  }

  @Test
  void movingStatisticsUpdateInTrainingAndServeInference() {
    float[] data = framesWithDifferentMoments();
    double[][] batch = moments(data);
    float[] movingMean;
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      LayerFactory f = new LayerFactory(tf.withSubScope("net"), BuildMode.train(), 1L, false);
      BatchNorm bn = new BatchNorm(f, "bn", C, T);
      Placeholder<TFloat32> x = video(tf, T);
      Operand<TFloat32> y = bn.apply(tf, x);
      TfRun.fetch(s, y, Map.of(x, data));
      movingMean = TfRun.fetch(s, "net/bn/moving_mean");
      for (int k = 0; k < T * C; k++) {
        assertEquals(FrameNorm.MOMENTUM_DEFAULT * batch[0][k], movingMean[k], 1e-4);
      }
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      LayerFactory f = new LayerFactory(tf.withSubScope("net"), BuildMode.inference(), 1L, false);
      BatchNorm bn = new BatchNorm(f, "bn", C, T);
      Placeholder<TFloat32> x = video(tf, T + 2);
      Operand<TFloat32> y = bn.apply(tf, x);
      float[] before = TfRun.fetch(s, "net/bn/moving_mean");
      float[] constant = new float[B * (T + 2) * H * W * C];
      java.util.Arrays.fill(constant, 3f);
      float[] out = TfRun.fetch(s, y, Map.of(x, constant));
      assertArrayEquals(before, TfRun.fetch(s, "net/bn/moving_mean"), "inference must not update");
      // Initial statistics are mean 0, variance 1: the output is x / sqrt(1 + eps) in every frame,
      // including the two frames past the stored length, which reuse the last frame's statistics.
      assertEquals(3.0 / Math.sqrt(1 + FrameNorm.EPSILON_DEFAULT), out[out.length - 1], 1e-5);
    }
  }

  @Test
  void standingStatisticsAreTheMeanOverPasses() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      BatchNorm bn = batchNorm(tf, BuildMode.standingStats());
      Placeholder<TFloat32> x = video(tf, T);
      Operand<TFloat32> y = bn.apply(tf, x);
      float[] a = framesWithDifferentMoments();
      float[] b = a.clone();
      for (int i = 0; i < b.length; i++) {
        b[i] += 4f;
      }
      TfRun.fetch(s, y, Map.of(x, a));
      TfRun.fetch(s, y, Map.of(x, b));
      float[] mean = TfRun.fetch(s, "bn/moving_mean");
      double[][] ma = moments(a);
      for (int k = 0; k < T * C; k++) {
        assertEquals(ma[0][k] + 2.0, mean[k], 1e-4, "mean of the two batch means");
      }
      assertFalse(Variables.isTrainable("bn/count"));
      assertEquals(2f, TfRun.fetch(s, "bn/count")[0]);
    }
  }
}
