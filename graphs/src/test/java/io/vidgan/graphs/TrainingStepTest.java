package io.vidgan.graphs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.graphs.config.DiscriminatorConfig.ScoreReduction;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.testing.Closeness;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Output;
import org.tensorflow.types.TFloat32;

/** The declared outputs of a training step, as the graph computes them. */
class TrainingStepTest {
  @ParameterizedTest
  @ValueSource(strings = {"tiny/lres", "tiny/sres", "tiny/dvdgan"})
  void eachDiscriminatorsGradientNormIsItsShareOfDs(String preset) throws Exception {
    try (StageFixture f = new StageFixture(preset, 4)) {
      List<StepOutput> perNetwork = new ArrayList<>();
      for (StepOutput o : f.train.outputs()) {
        if (o.source() instanceof StepOutput.GradientNorm n && n.network().isPresent()) {
          perNetwork.add(o);
        }
      }
      List<String> expected = new ArrayList<>(List.of("grad_norm/D_S", "grad_norm/D_T"));
      if (f.config.getKind() == StageConfig.Kind.SUPER_RES
          && f.config.getDiscriminator().getMatching()) {
        expected.add("grad_norm/D_M");
      }
      assertEquals(expected, perNetwork.stream().map(StepOutput::tag).toList());
      List<Output<TFloat32>> fetches = new ArrayList<>();
      fetches.add(f.train.output(TrainingStep.GRAD_NORM_D).asOutput());
      perNetwork.forEach(o -> fetches.add(f.train.output(o).asOutput()));
      float[][] v = f.run(f.fixedBatch(2), 3, List.of(), fetches);
      double squares = 0;
      for (int k = 1; k < v.length; k++) {
        assertTrue(v[k][0] > 0, perNetwork.get(k - 1).tag() + " is " + v[k][0]);
        squares += (double) v[k][0] * v[k][0];
      }
      // Both sides sum the same per-variable squares, in another grouping, then take a root.
      int variables = f.stage.discriminatorVariables(f.graph).size();
      Closeness.sums(2, variables + 2, 0).assertClose(new float[] {v[0][0] * v[0][0]},
          new float[] {(float) squares}, "D's squared norm vs its networks'");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tiny/lres", "tiny/sres"})
  void meanScoresAreWhatTheHingeLossesCompareWithOne(String preset) throws Exception {
    try (StageFixture f = new StageFixture(preset, 4)) {
      assertEquals(ScoreReduction.MEAN_OF_ALL_OUTPUTS,
          f.config.getDiscriminator().getScoreReduction());
      List<StepOutput> outputs = List.of(TrainingStep.SCORE_REAL, TrainingStep.SCORE_FAKE,
          TrainingStep.LOSS_D_REAL, TrainingStep.LOSS_D_FAKE, TrainingStep.LOSS_G);
      float[][] v = f.run(f.fixedBatch(4), 5, List.of(),
          outputs.stream().map(o -> f.train.output(o).asOutput()).toList());
      float real = v[0][0];
      float fake = v[1][0];
      // Means of at most this many scores (every frame of D_S and D_T, D_M's pairs), of the
      // scale of the hinge terms: each mean is off by at most scores * u times that scale.
      int scores = 3 * f.batch * f.config.getVideo().getFrames();
      double scale = 1 + v[2][0] + v[3][0];
      double slack = 2 * Closeness.sums(1, scores, scale).absolute();
      // Jensen: mean(relu(1 - s)) >= 1 - mean(s), mean(relu(1 + s)) >= 1 + mean(s).
      assertTrue(v[2][0] >= 1 - real - slack, "D_real loss " + v[2][0] + ", score " + real);
      assertTrue(v[3][0] >= 1 + fake - slack, "D_fake loss " + v[3][0] + ", score " + fake);
      Closeness.sums(1, scores, scale).assertClose(new float[] {-fake}, v[4],
          "G's hinge loss is minus the mean fake score");
    }
  }
}
