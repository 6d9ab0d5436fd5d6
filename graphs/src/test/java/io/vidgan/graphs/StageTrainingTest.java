package io.vidgan.graphs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.ops.testing.TfRun;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Output;
import org.tensorflow.types.TFloat32;

/** Smoke and sanity tests of both tiny stages' train ops. */
class StageTrainingTest {
  @ParameterizedTest
  @ValueSource(strings = {"tiny/lres", "tiny/sres", "tiny/dvdgan"})
  void oneDiscriminatorStepAndOneGeneratorStepRun(String preset) throws Exception {
    try (StageFixture f = new StageFixture(preset, 4)) {
      StageFixture.Feed feed = f.fixedBatch(1);
      float[][] d = f.run(feed, 1, List.of(f.train.updateD()),
          List.of(f.train.output(TrainingStep.LOSS_D).asOutput(),
              f.train.output(TrainingStep.GRAD_NORM_D).asOutput()));
      float[][] g = f.run(feed, 2, List.of(f.train.updateG()),
          List.of(f.train.output(TrainingStep.LOSS_G).asOutput(),
              f.train.output(TrainingStep.GRAD_NORM_G).asOutput()));
      for (float[] v : List.of(d[0], d[1], g[0], g[1])) {
        assertTrue(Float.isFinite(v[0]), "finite losses and gradient norms");
      }
      assertTrue(d[1][0] > 0 && g[1][0] > 0, "non-zero gradients");
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tiny/lres", "tiny/sres"})
  void discriminatorLossFallsOnAFixedBatch(String preset) throws Exception {
    try (StageFixture f = new StageFixture(preset, 4)) {
      StageFixture.Feed feed = f.fixedBatch(3);
      List<Output<TFloat32>> loss = List.of(f.train.output(TrainingStep.LOSS_D).asOutput());
      float before = f.run(feed, 5, List.of(), loss)[0][0];
      for (int step = 0; step < 15; step++) {
        f.run(feed, 5, List.of(f.train.updateD()), List.of());
      }
      float after = f.run(feed, 5, List.of(), loss)[0][0];
      assertTrue(after < before - 0.05, "D loss " + before + " -> " + after);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tiny/lres", "tiny/sres", "tiny/dvdgan"})
  void everyGeneratorVariableGetsAFiniteNonZeroGradient(String preset) throws Exception {
    try (StageFixture f = new StageFixture(preset, 4)) {
      List<Output<TFloat32>> vars = f.stage.generatorVariables(f.graph);
      Output<?>[] grads = f.graph.addGradients("check", new Output<?>[] {
          f.train.output(TrainingStep.LOSS_G).asOutput()}, vars.toArray(new Output<?>[0]), null);
      List<Output<TFloat32>> fetches = new ArrayList<>();
      for (Output<?> gr : grads) {
        @SuppressWarnings("unchecked")
        Output<TFloat32> typed = (Output<TFloat32>) gr;
        fetches.add(typed);
      }
      float[][] values = f.run(f.fixedBatch(4), 9, List.of(), fetches);
      for (int i = 0; i < values.length; i++) {
        double norm = 0;
        for (float x : values[i]) {
          assertTrue(Float.isFinite(x), vars.get(i).op().name() + " has a non-finite gradient");
          norm += x * x;
        }
        assertTrue(norm > 0, vars.get(i).op().name() + " has a zero gradient");
      }
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"tiny/lres", "tiny/sres"})
  void eachStepUpdatesOnlyItsOwnNetwork(String preset) throws Exception {
    try (StageFixture f = new StageFixture(preset, 4)) {
      StageFixture.Feed feed = f.fixedBatch(5);
      List<Output<TFloat32>> gVars = f.stage.generatorVariables(f.graph);
      List<Output<TFloat32>> dVars = f.stage.discriminatorVariables(f.graph);
      f.run(feed, 1, List.of(), List.of(f.train.output(TrainingStep.LOSS_D).asOutput()));
      float[][] g0 = f.values(gVars);
      float[][] d0 = f.values(dVars);
      f.run(feed, 2, List.of(f.train.updateG()), List.of());
      assertUnchanged(d0, f.values(dVars), "D during a G step");
      assertChanged(g0, f.values(gVars), "G during a G step");
      float[][] g1 = f.values(gVars);
      f.run(feed, 3, List.of(f.train.updateD()), List.of());
      assertUnchanged(g1, f.values(gVars), "G during a D step");
      assertChanged(d0, f.values(dVars), "D during a D step");
    }
  }

  @ParameterizedTest
  @ValueSource(floats = {0f, 0.5f})
  void emaCopiesThenAverages(float decay) throws Exception {
    try (StageFixture f = new StageFixture("tiny/lres", 4)) {
      GeneratorEma ema = f.train.ema();
      Output<TFloat32> w = f.stage.generatorVariables(f.graph).get(0);
      String shadow = GeneratorEma.shadowName(f.stage.name(), w.op().name());
      float[] s0 = TfRun.fetch(f.session, shadow);
      float[] w0 = TfRun.fetch(f.session, f.tf.identity(w));
      try (TFloat32 d = TFloat32.scalarOf(decay)) {
        f.session.runner().feed(ema.decay(), d).addTarget(ema.update()).run();
      }
      float[] s1 = TfRun.fetch(f.session, shadow);
      for (int i = 0; i < s1.length; i++) {
        assertEquals(decay * s0[i] + (1 - decay) * w0[i], s1[i], 1e-6);
      }
    }
  }

  private static void assertUnchanged(float[][] before, float[][] after, String what) {
    for (int i = 0; i < before.length; i++) {
      assertArrayEquals(before[i], after[i], what);
    }
  }

  private static void assertChanged(float[][] before, float[][] after, String what) {
    boolean changed = false;
    for (int i = 0; i < before.length; i++) {
      changed |= TfRun.maxAbsDiff(before[i], after[i]) > 0;
    }
    assertTrue(changed, what + " changed nothing");
    assertFalse(before.length == 0, what + ": no variables");
  }
}
