package io.vidgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.ops.Scopes;
import io.vidgan.ops.testing.JavaReference;
import io.vidgan.ops.testing.TfRun;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * A unit equals conv3d (SAME, no bias), then Sonnet v1 inference batch norm {@code (y - mean) /
 * sqrt(var + 1e-3) + beta} with no scale, then ReLU, computed in plain Java.
 */
class Unit3dTest {
  private static final int B = 1;
  private static final int T = 3;
  private static final int H = 4;
  private static final int W = 5;
  private static final int CI = 2;
  private static final int CO = 3;

  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void matchesConvThenBatchNormThenRelu(boolean fiveDimBatchNorm) {
    float[] x = TfRun.gaussian(B * T * H * W * CI, 1);
    float[] w = TfRun.gaussian(3 * 3 * 3 * CI * CO, 2);
    float[] beta = TfRun.gaussian(CO, 3);
    float[] mean = TfRun.gaussian(CO, 4);
    float[] variance = {0.5f, 2f, 0.01f};
    I3dLayout layout = new I3dLayout("", 400, fiveDimBatchNorm);
    Map<String, Variable<TFloat32>> vars = new LinkedHashMap<>();
    try (Graph g = new Graph()) {
      Ops tf = Scopes.root(g);
      Unit3d unit = new Unit3d(tf.withSubScope("unit"), "unit", layout, I3d.heNormal(1), CI, CO,
          3, 1, v -> vars.put(v.op().name(), v));
      Placeholder<TFloat32> in = tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(B, T, H, W, CI)));
      Operand<TFloat32> y = unit.apply(tf, in);
      assertEquals(Shape.of(B, T, H, W, CO), y.shape());
      try (Session s = new Session(g)) {
        assign(s, tf, vars.get("unit/conv_3d/w"), w);
        assign(s, tf, vars.get("unit/batch_norm/beta"), beta);
        assign(s, tf, vars.get("unit/batch_norm/moving_mean"), mean);
        assign(s, tf, vars.get("unit/batch_norm/moving_variance"), variance);
        float[] got = TfRun.fetch(s, y, Map.of(in, x));
        float[] conv = JavaReference.conv3d(x, B, T, H, W, CI, w, 3, 3, 3, CO, null);
        int positive = 0;
        for (int i = 0; i < conv.length; i++) {
          int c = i % CO;
          double expected = Math.max(0, (conv[i] - mean[c])
              / Math.sqrt(variance[c] + Unit3d.BATCH_NORM_EPSILON) + beta[c]);
          assertEquals(expected, got[i], 1e-4 * (1 + Math.abs(expected)), "element " + i);
          positive += expected > 0 ? 1 : 0;
        }
        assertTrue(positive > conv.length / 4 && positive < conv.length,
            "ReLU should cut some values and keep others: " + positive);
      }
    }
  }

  private static void assign(Session s, Ops tf, Variable<TFloat32> v, float[] values) {
    s.runner().addTarget(tf.assign(v, tf.constant(v.shape(),
        org.tensorflow.ndarray.buffer.DataBuffers.of(values, true, false)))).run();
  }
}
