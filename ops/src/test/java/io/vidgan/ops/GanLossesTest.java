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
  /** Means of at most 6 terms of magnitude at most 3, two means summed for the totals. */
  private static final Closeness SUMS = Closeness.sums(2, 6, 3);

  /** Two discriminators: A with 2 outputs per sample, B with 1; batch 2. */
  private record Scores(List<Operand<TFloat32>> real, List<Operand<TFloat32>> fake) {
    Scores(Ops tf) {
      this(List.of(tf.constant(new float[][] {{2f, 0.5f}, {-1f, 1f}}),
              tf.constant(new float[][] {{0f}, {3f}})),
          List.of(tf.constant(new float[][] {{-2f, 0f}, {0.5f, -0.5f}}),
              tf.constant(new float[][] {{1f}, {-3f}})));
    }
  }

  @Test
  void hingeLossesAverageOverSamplesAndAllDiscriminatorOutputs() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      Scores x = new Scores(tf);
      GanLosses.DiscriminatorLoss d = GanLosses.hingeDiscriminatorLoss(tf, x.real(), x.fake());
      // real: relu(1 - [2, .5, 0, -1, 1, 3]) = [0, .5, 1, 2, 0, 0] -> mean 3.5/6
      double real = 3.5 / 6;
      // fake: relu(1 + [-2, 0, 1, .5, -.5, -3]) = [0, 1, 2, 1.5, .5, 0] -> mean 5/6
      double fake = 5.0 / 6;
      assertTerms(s, d, real, fake);
      Operand<TFloat32> gLoss = GanLosses.hingeGeneratorLoss(tf, x.fake());
      SUMS.assertClose(new float[] {(float) (-(-2 + 0 + 1 + 0.5 - 0.5 - 3) / 6.0)},
          TfRun.fetch(s, gLoss), "generator");
    }
  }

  @Test
  void summedHingeLossesAddOneAveragedLossPerDiscriminator() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      Scores x = new Scores(tf);
      GanLosses.DiscriminatorLoss d = GanLosses.summedHingeDiscriminatorLoss(tf,
          x.real(), x.fake());
      // real: A relu(1 - [2, .5, -1, 1]) = [0, .5, 2, 0] -> 2.5/4; B relu(1 - [0, 3]) -> 1/2
      double real = 2.5 / 4 + 1.0 / 2;
      // fake: A relu(1 + [-2, 0, .5, -.5]) = [0, 1, 1.5, .5] -> 3/4; B relu(1 + [1, -3]) -> 2/2
      double fake = 3.0 / 4 + 2.0 / 2;
      assertTerms(s, d, real, fake);
      Operand<TFloat32> gLoss = GanLosses.summedHingeGeneratorLoss(tf, x.fake());
      SUMS.assertClose(new float[] {(float) -((-2 + 0 + 0.5 - 0.5) / 4.0 + (1 - 3) / 2.0)},
          TfRun.fetch(s, gLoss), "generator");
    }
  }

  private static void assertTerms(Session s, GanLosses.DiscriminatorLoss d, double real,
      double fake) {
    SUMS.assertClose(new float[] {(float) real}, TfRun.fetch(s, d.real()), "real");
    SUMS.assertClose(new float[] {(float) fake}, TfRun.fetch(s, d.fake()), "fake");
    SUMS.assertClose(new float[] {(float) (real + fake)}, TfRun.fetch(s, d.total()), "total");
  }
}
