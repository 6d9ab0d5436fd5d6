package io.vidgan.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.ops.testing.TfRun;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.Svd;
import org.tensorflow.types.TFloat32;

class SpectralNormTest {
  private static final Shape KERNEL = Shape.of(3, 3, 8, 16);

  /** Largest singular value of the kernel reshaped to [K, C_out], from TF's SVD. */
  private static float svdSigma(Ops tf, Session s, Operand<TFloat32> kernel) {
    Operand<TFloat32> w = tf.reshape(kernel, tf.constant(new long[] {-1, KERNEL.get(3)}));
    float[] singular = TfRun.fetch(s, tf.linalg.svd(w, Svd.computeUv(false)).s());
    return singular[0];
  }

  private static Operand<TFloat32> kernel(Ops tf) {
    return tf.variable(tf.constant(KERNEL, DataBuffers.of(TfRun.gaussian((int) KERNEL.size(), 9),
        true, false)));
  }

  @Test
  void estimateConvergesToLargestSingularValue() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      Operand<TFloat32> k = kernel(tf);
      SpectralNorm sn = new SpectralNorm(tf.withSubScope("layer"), k, BuildMode.train(), 1L);
      float truth = svdSigma(tf, s, k);
      double[] errors = new double[51];
      for (int step = 1; step <= 50; step++) {
        // Each evaluation of the normalised kernel performs one power iteration.
        TfRun.fetch(s, sn.normalized());
        errors[step] = Math.abs(TfRun.fetch(s, sn.sigma())[0] - truth);
      }
      assertTrue(errors[5] <= errors[1], "5 iterations no better than 1: " + errors[5]);
      assertTrue(errors[10] <= errors[5], "10 iterations no better than 5");
      assertTrue(errors[50] <= errors[10], "50 iterations no better than 10");
      assertTrue(errors[50] < 1e-3 * truth, "sigma error after 50 iterations: " + errors[50]);
      float[] w = TfRun.fetch(s, sn.normalized());
      float normalizedSigma = svdSigma(tf, s, tf.constant(KERNEL, DataBuffers.of(w, true, false)));
      assertEquals(1.0, normalizedSigma, 1e-3, "normalised kernel has unit spectral norm");
    }
  }

  @Test
  void inferenceGraphReadsButNeverUpdatesU() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      SpectralNorm sn = new SpectralNorm(tf.withSubScope("layer"), kernel(tf),
          BuildMode.inference(), 1L);
      float[] before = TfRun.fetch(s, tf.identity(sn.u()));
      TfRun.fetch(s, sn.normalized());
      TfRun.fetch(s, sn.normalized());
      assertArrayEquals(before, TfRun.fetch(s, tf.identity(sn.u())));
    }
  }

  @Test
  void trainingGraphUpdatesU() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      SpectralNorm sn = new SpectralNorm(tf.withSubScope("layer"), kernel(tf), BuildMode.train(),
          1L);
      float[] before = TfRun.fetch(s, tf.identity(sn.u()));
      TfRun.fetch(s, sn.normalized());
      assertTrue(TfRun.maxAbsDiff(before, TfRun.fetch(s, tf.identity(sn.u()))) > 1e-4);
      assertEquals("layer/sn/u", sn.u().op().name());
      assertEquals("Assign", g.operation("layer/sn/update_u").type());
    }
  }
}
