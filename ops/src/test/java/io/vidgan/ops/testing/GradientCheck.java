package io.vidgan.ops.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TFloat64;

/**
 * Compares symbolic gradients with central finite differences along random directions.
 *
 * <p>The checked scalar is {@code L = sum(y * r)} for a fixed random {@code r}, so every output
 * element contributes; it is summed in float64. For a random direction {@code d} the numeric
 * derivative {@code (L(x + h d) - L(x - h d)) / 2h} is compared with {@code grad . d}; the error is
 * {@code |analytic - numeric| / max(|analytic|, |numeric|, |grad|)} ({@code |grad . d|} is about
 * {@code |grad|} for a standard-normal {@code d}). Directional derivatives sum over every
 * coordinate, so float32 rounding averages out and a small step {@link #STEP} (few ReLU kinks
 * crossed) is usable.
 */
public final class GradientCheck {
  public static final float STEP = 1e-3f;
  private static final int DIRECTIONS = 4;

  private GradientCheck() {}

  /** Fails unless the gradient of {@code y} w.r.t. placeholder {@code x} at {@code x0} is right. */
  public static void assertInputGradient(Graph g, Session s, Placeholder<TFloat32> x, float[] x0,
      Operand<TFloat32> y, double tolerance) {
    Ops tf = Ops.create(g).withSubScope("gradient_check");
    Operand<TFloat64> loss = weightedSum(tf, y);
    float[] analytic = gradient(g, s, loss, x.asOutput(), Map.of(x, x0));
    for (int k = 0; k < DIRECTIONS; k++) {
      float[] d = TfRun.gaussian(x0.length, 100 + k);
      double numeric = (scalar(s, loss, Map.of(x, step(x0, d, STEP)))
          - scalar(s, loss, Map.of(x, step(x0, d, -STEP)))) / (2.0 * STEP);
      check("input", dot(analytic, d), numeric, norm(analytic), tolerance);
    }
  }

  /**
   * Fails unless the gradient of {@code y} w.r.t. float variable {@code variable} is right. The
   * variable is perturbed by assigning new values; {@code feeds} are fed on every run.
   */
  public static void assertVariableGradient(Graph g, Session s, String variable,
      Operand<TFloat32> y, Map<Operand<TFloat32>, float[]> feeds, double tolerance) {
    @SuppressWarnings("unchecked")
    Output<TFloat32> w = (Output<TFloat32>) (Output<?>) g.operationOrThrow(variable).output(0);
    Ops tf = Ops.create(g).withSubScope("gradient_check");
    Operand<TFloat64> loss = weightedSum(tf, y);
    Placeholder<TFloat32> value = tf.placeholder(TFloat32.class, Placeholder.shape(w.shape()));
    Operand<TFloat32> assign = tf.assign(w, value);
    float[] w0 = TfRun.fetch(s, tf.identity(w));
    float[] analytic = gradient(g, s, loss, w, feeds);
    for (int k = 0; k < DIRECTIONS; k++) {
      float[] d = TfRun.gaussian(w0.length, 200 + k);
      TfRun.fetch(s, assign, Map.of(value, step(w0, d, STEP)));
      double plus = scalar(s, loss, feeds);
      TfRun.fetch(s, assign, Map.of(value, step(w0, d, -STEP)));
      double minus = scalar(s, loss, feeds);
      TfRun.fetch(s, assign, Map.of(value, w0));
      check(variable, dot(analytic, d), (plus - minus) / (2.0 * STEP), norm(analytic), tolerance);
    }
  }

  private static float[] gradient(Graph g, Session s, Operand<TFloat64> loss, Output<?> x,
      Map<Operand<TFloat32>, float[]> feeds) {
    @SuppressWarnings("unchecked")
    Operand<TFloat32> grad = (Operand<TFloat32>) g.addGradients(null,
        new Output<?>[] {loss.asOutput()}, new Output<?>[] {x}, null)[0];
    return TfRun.fetch(s, grad, feeds);
  }

  private static void check(String what, double analytic, double numeric, double scale,
      double tolerance) {
    double error = Math.abs(analytic - numeric)
        / Math.max(scale, Math.max(Math.abs(analytic), Math.abs(numeric)));
    if (!(error < tolerance)) {
      throw new AssertionError(what + " gradient error " + error + " >= " + tolerance
          + " (analytic " + analytic + ", numeric " + numeric + ")");
    }
  }

  private static float[] step(float[] x, float[] d, float h) {
    float[] out = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      out[i] = x[i] + h * d[i];
    }
    return out;
  }

  private static double norm(float[] a) {
    return Math.sqrt(dot(a, a));
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }

  private static Operand<TFloat64> weightedSum(Ops tf, Operand<TFloat32> y) {
    float[] r = TfRun.gaussian((int) y.shape().size(), 0x5eed);
    Operand<TFloat64> weights = tf.dtypes.cast(tf.constant(y.shape(),
        DataBuffers.of(r, true, false)), TFloat64.class);
    Operand<TFloat64> products = tf.math.mul(tf.dtypes.cast(y, TFloat64.class), weights);
    return tf.reduceSum(products, tf.range(tf.constant(0), tf.rank(y), tf.constant(1)));
  }

  private static double scalar(Session s, Operand<TFloat64> loss,
      Map<Operand<TFloat32>, float[]> feeds) {
    Session.Runner runner = s.runner();
    List<TFloat32> fed = new ArrayList<>();
    try {
      feeds.forEach((k, v) -> {
        TFloat32 t = TfRun.tensor(k.shape(), v);
        fed.add(t);
        runner.feed(k, t);
      });
      try (Result r = runner.fetch(loss).run()) {
        return ((TFloat64) r.get(0)).getDouble();
      }
    } finally {
      fed.forEach(TFloat32::close);
    }
  }
}
