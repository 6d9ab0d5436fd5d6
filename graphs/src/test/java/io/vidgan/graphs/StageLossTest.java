package io.vidgan.graphs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.graphs.config.DiscriminatorConfig.ScoreReduction;
import io.vidgan.graphs.config.Presets;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.GanLosses.DiscriminatorLoss;
import io.vidgan.ops.Scopes;
import io.vidgan.ops.testing.TfRun;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * How each preset's discriminator scores make the hinge losses, against float64 references: the
 * DVD-GAN presets score a video by the sum of D_S's k frame scores (DVD-GAN §3.1, App. B.2), the
 * SSW-GAN/HVG presets average every output of every discriminator (SSW-GAN App. B.1-B.2).
 */
class StageLossTest {
  private static final int BATCH = 3;
  private static final int FRAMES = 12;

  @ParameterizedTest
  @ValueSource(strings = {"paper/dvdgan_64", "paper/dvdgan_128"})
  void dvdGanPresetsSumTheSpatialFrameScores(String preset) throws Exception {
    StageConfig c = Presets.load(preset);
    ScoreReduction reduction = c.getDiscriminator().getScoreReduction();
    int k = c.getDiscriminator().getSpatialFrames();
    assertEquals(8, k, "DVD-GAN k = 8");
    float[][] realS = scores(1, k);
    float[][] fakeS = scores(2, k);
    float[][] realT = scores(3, FRAMES);
    float[][] fakeT = scores(4, FRAMES);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      StageLoss.Scores fakeSpatial = new StageLoss.Scores(tf.constant(fakeS), List.of());
      double summed = run(s, StageLoss.generator(tf, reduction, fakeSpatial));
      double mean = run(s, StageLoss.generator(tf, ScoreReduction.MEAN_OF_ALL_OUTPUTS,
          fakeSpatial));
      assertEquals(k * mean, summed, 1e-5 * (1 + Math.abs(summed)),
          "G's D_S term is k times the per-frame mean");

      StageLoss.Scores real = new StageLoss.Scores(tf.constant(realS),
          List.of(tf.constant(realT)));
      StageLoss.Scores fake = new StageLoss.Scores(tf.constant(fakeS),
          List.of(tf.constant(fakeT)));
      DiscriminatorLoss d = StageLoss.discriminator(tf, reduction, real, fake);
      double expectedReal = meanHinge(rowSums(realS), -1) + meanHinge(realT, -1);
      double expectedFake = meanHinge(rowSums(fakeS), 1) + meanHinge(fakeT, 1);
      assertEquals(expectedReal, run(s, d.real()), 1e-5 * (1 + expectedReal), "real");
      assertEquals(expectedFake, run(s, d.fake()), 1e-5 * (1 + expectedFake), "fake");
      double expectedG = -(mean(rowSums(fakeS)) + mean(fakeT));
      assertEquals(expectedG, run(s, StageLoss.generator(tf, reduction, fake)),
          1e-5 * (1 + Math.abs(expectedG)), "G");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"paper/kinetics_lres", "paper/kinetics_sres", "paper/bdd_lres",
      "paper/bdd_sres1", "paper/bdd_sres2", "small/lres", "small/sres"})
  void sswGanAndHvgPresetsAverageOverEveryOutput(String preset) throws Exception {
    ScoreReduction reduction = Presets.load(preset).getDiscriminator().getScoreReduction();
    float[][] realS = scores(5, 8);
    float[][] fakeS = scores(6, 8);
    float[][] realT = scores(7, FRAMES);
    float[][] fakeT = scores(8, FRAMES);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      StageLoss.Scores real = new StageLoss.Scores(tf.constant(realS),
          List.of(tf.constant(realT)));
      StageLoss.Scores fake = new StageLoss.Scores(tf.constant(fakeS),
          List.of(tf.constant(fakeT)));
      DiscriminatorLoss d = StageLoss.discriminator(tf, reduction, real, fake);
      double expectedReal = meanHinge(concat(realS, realT), -1);
      double expectedFake = meanHinge(concat(fakeS, fakeT), 1);
      assertEquals(expectedReal, run(s, d.real()), 1e-5 * (1 + expectedReal), "real");
      assertEquals(expectedFake, run(s, d.fake()), 1e-5 * (1 + expectedFake), "fake");
      double expectedG = -mean(concat(fakeS, fakeT));
      assertEquals(expectedG, run(s, StageLoss.generator(tf, reduction, fake)),
          1e-5 * (1 + Math.abs(expectedG)), "G");
    }
  }

  @Test
  void aStageBuildsTheLossItsConfigNames() throws Exception {
    StageConfig summed = Presets.load("tiny/dvdgan");
    assertTrue(hasOp(summed, "/summed_hinge_generator_loss/total"), "summed G loss");
    assertTrue(hasOp(summed, "/spatial_video_score"), "D_S frames summed");
    assertFalse(hasOp(Presets.load("tiny/lres"), "/summed_hinge_generator_loss/total"),
        "SSW-GAN's mean by default");
  }

  private static boolean hasOp(StageConfig c, String fragment) {
    try (StageFixture f = new StageFixture(c, 2, false)) {
      Iterator<GraphOperation> ops = f.graph.operations();
      while (ops.hasNext()) {
        if (ops.next().name().contains(fragment)) {
          return true;
        }
      }
      return false;
    }
  }

  /** {@code [BATCH, n]} scores in [-1.5, 1.5], so that every hinge is active for some. */
  private static float[][] scores(long seed, int n) {
    Random random = new Random(seed);
    float[][] out = new float[BATCH][n];
    for (float[] row : out) {
      for (int j = 0; j < n; j++) {
        row[j] = (float) (3 * random.nextDouble() - 1.5);
      }
    }
    return out;
  }

  private static float[][] rowSums(float[][] x) {
    float[][] out = new float[x.length][1];
    for (int i = 0; i < x.length; i++) {
      double sum = 0;
      for (float v : x[i]) {
        sum += v;
      }
      out[i][0] = (float) sum;
    }
    return out;
  }

  private static float[][] concat(float[][] a, float[][] b) {
    float[][] out = new float[a.length][];
    for (int i = 0; i < a.length; i++) {
      out[i] = new float[a[i].length + b[i].length];
      System.arraycopy(a[i], 0, out[i], 0, a[i].length);
      System.arraycopy(b[i], 0, out[i], a[i].length, b[i].length);
    }
    return out;
  }

  /** {@code mean(relu(1 + sign * x))}: sign -1 for real scores, +1 for fake ones. */
  private static double meanHinge(float[][] x, int sign) {
    List<Double> terms = new ArrayList<>();
    for (float[] row : x) {
      for (float v : row) {
        terms.add(Math.max(0, 1 + sign * (double) v));
      }
    }
    return terms.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
  }

  private static double mean(float[][] x) {
    double sum = 0;
    int n = 0;
    for (float[] row : x) {
      for (float v : row) {
        sum += v;
        n++;
      }
    }
    return sum / n;
  }

  private static double run(Session s, Operand<TFloat32> scalar) {
    return TfRun.fetch(s, scalar)[0];
  }
}
