package io.vidgan.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.vidgan.ops.testing.GradientCheck;
import io.vidgan.ops.testing.JavaReference;
import io.vidgan.ops.testing.Closeness;
import io.vidgan.ops.testing.TfRun;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class ConvGruTest {
  /** The DVD-GAN equations, frame by frame, on concatenated inputs (no splitting tricks). */
  private static float[] reference(float[] x, int b, int t, int h, int w, int in, int hid,
      Session s) {
    float[] kr = TfRun.fetch(s, "gru/reset/kernel");
    float[] ku = TfRun.fetch(s, "gru/update/kernel");
    float[] kc = TfRun.fetch(s, "gru/candidate/kernel");
    float[] br = TfRun.fetch(s, "gru/reset/bias");
    float[] bu = TfRun.fetch(s, "gru/update/bias");
    float[] bc = TfRun.fetch(s, "gru/candidate/bias");
    int px = h * w;
    float[] out = new float[b * t * px * hid];
    for (int n = 0; n < b; n++) {
      float[] state = new float[px * hid];
      for (int step = 0; step < t; step++) {
        float[] hx = new float[px * (hid + in)];
        float[] xs = new float[px * in];
        for (int p = 0; p < px; p++) {
          for (int c = 0; c < in; c++) {
            xs[p * in + c] = x[((n * t + step) * px + p) * in + c];
          }
          System.arraycopy(state, p * hid, hx, p * (hid + in), hid);
          System.arraycopy(xs, p * in, hx, p * (hid + in) + hid, in);
        }
        float[] r = sigmoid(JavaReference.conv3d(hx, 1, 1, h, w, hid + in, kr, 1, 3, 3, hid, br));
        float[] u = sigmoid(JavaReference.conv3d(hx, 1, 1, h, w, hid + in, ku, 1, 3, 3, hid, bu));
        float[] xrh = new float[px * (in + hid)];
        for (int p = 0; p < px; p++) {
          System.arraycopy(xs, p * in, xrh, p * (in + hid), in);
          for (int c = 0; c < hid; c++) {
            xrh[p * (in + hid) + in + c] = r[p * hid + c] * state[p * hid + c];
          }
        }
        float[] cand = JavaReference.relu(
            JavaReference.conv3d(xrh, 1, 1, h, w, in + hid, kc, 1, 3, 3, hid, bc));
        for (int i = 0; i < state.length; i++) {
          state[i] = u[i] * state[i] + (1 - u[i]) * cand[i];
        }
        System.arraycopy(state, 0, out, ((n * t + step) * px) * hid, state.length);
      }
    }
    return out;
  }

  private static float[] sigmoid(float[] x) {
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = (float) (1 / (1 + Math.exp(-x[i])));
    }
    return y;
  }

  @ParameterizedTest(name = "b{0} t{1} {2}x{3} in{4} hidden{5}")
  @CsvSource({"1, 3, 4, 4, 2, 3", "2, 4, 3, 5, 3, 2", "2, 2, 4, 4, 4, 4"})
  void matchesPlainJavaReference(int b, int t, int h, int w, int in, int hid) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      ConvGru gru = new ConvGru(new LayerFactory(tf, BuildMode.train(), 2L, false), "gru", in,
          hid);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(b, t, h, w, in)));
      Operand<TFloat32> y = gru.apply(tf, x);
      assertArrayEquals(new long[] {b, t, h, w, hid}, y.shape().asArray());
      float[] x0 = TfRun.gaussian(b * t * h * w * in, 6);
      float[] got = TfRun.fetch(s, y, Map.of(x, x0));
      float[] want = reference(x0, b, t, h, w, in, hid, s);
      // Each of t steps: three 3x3 convolutions of in + hid channels, on inputs up to max |x|.
      Closeness.sums(3L * t, 9L * (in + hid), Closeness.magnitude(x0))
          .assertClose(want, got, "GRU output");
    }
  }

  @Test
  void gradientsMatchFiniteDifferences() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      ConvGru gru = new ConvGru(new LayerFactory(tf, BuildMode.train(), 2L, false), "gru", 2, 3);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(1, 3, 3, 3, 2)));
      Operand<TFloat32> y = gru.apply(tf, x);
      float[] x0 = TfRun.gaussian(54, 8);
      GradientCheck.assertInputGradient(g, s, x, x0, y, 2e-2);
      GradientCheck.assertVariableGradient(g, s, "gru/candidate/kernel", y, Map.of(x, x0), 3e-2);
      GradientCheck.assertVariableGradient(g, s, "gru/reset/kernel", y, Map.of(x, x0), 3e-2);
    }
  }
}
