package io.vidgan.ops;

import io.vidgan.ops.testing.Closeness;
import io.vidgan.ops.testing.TfRun;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

class GanLossesTest {
  @Test
  void hingeLossesAverageOverSamplesAndAllDiscriminatorOutputs() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      // Two discriminators: one with 2 outputs per sample, one with 1; batch 2.
      Operand<TFloat32> realA = tf.constant(new float[][] {{2f, 0.5f}, {-1f, 1f}});
      Operand<TFloat32> realB = tf.constant(new float[][] {{0f}, {3f}});
      Operand<TFloat32> fakeA = tf.constant(new float[][] {{-2f, 0f}, {0.5f, -0.5f}});
      Operand<TFloat32> fakeB = tf.constant(new float[][] {{1f}, {-3f}});
      GanLosses.DiscriminatorLoss d = GanLosses.hingeDiscriminatorLoss(tf,
          List.of(realA, realB), List.of(fakeA, fakeB));
      // real: relu(1 - [2, .5, 0, -1, 1, 3]) = [0, .5, 1, 2, 0, 0] -> mean 3.5/6
      double real = 3.5 / 6;
      // fake: relu(1 + [-2, 0, 1, .5, -.5, -3]) = [0, 1, 2, 1.5, .5, 0] -> mean 5/6
      double fake = 5.0 / 6;
      // Means of 6 terms of magnitude at most 3 (two for the total).
      Closeness sums = Closeness.sums(2, 6, 3);
      sums.assertClose(new float[] {(float) real}, TfRun.fetch(s, d.real()), "real");
      sums.assertClose(new float[] {(float) fake}, TfRun.fetch(s, d.fake()), "fake");
      sums.assertClose(new float[] {(float) (real + fake)}, TfRun.fetch(s, d.total()), "total");
      Operand<TFloat32> gLoss = GanLosses.hingeGeneratorLoss(tf, List.of(fakeA, fakeB));
      sums.assertClose(new float[] {(float) (-(-2 + 0 + 1 + 0.5 - 0.5 - 3) / 6.0)},
          TfRun.fetch(s, gLoss), "generator");
    }
  }
}
