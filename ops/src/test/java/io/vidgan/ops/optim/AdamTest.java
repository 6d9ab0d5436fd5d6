package io.vidgan.ops.optim;

import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.vidgan.ops.Variables;
import io.vidgan.ops.testing.Closeness;
import io.vidgan.ops.testing.TfRun;
import java.util.List;
import org.junit.jupiter.api.Test;
import io.vidgan.ops.Scopes;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

class AdamTest {
  private static final float LR = 0.05f;
  private static final float B1 = 0.9f;
  private static final float B2 = 0.99f;
  private static final float EPS = 1e-7f;

  @Test
  void matchesHandComputedSteps() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      Variable<TFloat32> w = Variables.constant(tf.withSubScope("net"), "kernel", Shape.of(2), 0f);
      // loss = sum((w - target)^2): gradient 2 (w - target).
      Operand<TFloat32> target = tf.constant(new float[] {1f, -2f});
      Operand<TFloat32> grad = tf.math.mul(tf.constant(2f), tf.math.sub(w, target));
      Adam adam = new Adam(tf.withSubScope("G_adam"), LR, B1, B2, EPS);
      Op step = adam.applyGradients(List.of(new GradAndVar(grad, w.asOutput())), "train");
      double[] wRef = {0, 0};
      double[] m = {0, 0};
      double[] v = {0, 0};
      double[] t = {1, -2};
      for (int k = 1; k <= 5; k++) {
        s.run(step);
        double lrT = LR * Math.sqrt(1 - Math.pow(B2, k)) / (1 - Math.pow(B1, k));
        for (int i = 0; i < 2; i++) {
          double gr = 2 * (wRef[i] - t[i]);
          m[i] = B1 * m[i] + (1 - B1) * gr;
          v[i] = B2 * v[i] + (1 - B2) * gr * gr;
          wRef[i] -= lrT * m[i] / (Math.sqrt(v[i]) + EPS);
        }
        // Float32 against a double reference: about 8 roundings per step (gradient, m, v, sqrt,
        // bias correction, division, update) on values up to |target| = 2, for k steps.
        Closeness.sums(8L * k, 1, 2).assertClose(new float[] {(float) wRef[0], (float) wRef[1]},
            TfRun.fetch(s, tf.identity(w)), "step " + k);
      }
      // beta1^6 as six float32 products.
      Closeness.sums(6, 1, 0).assertClose(new float[] {(float) Math.pow(B1, 6)},
          TfRun.fetch(s, "G_adam/beta1_power"), "beta1_power");
      assertNotNull(g.operation("G_adam/net/kernel-m"));
      assertNotNull(g.operation("G_adam/net/kernel-v"));
    }
  }
}
