package io.vidgan.ops.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.ops.Scopes;
import io.vidgan.ops.Variables;
import io.vidgan.ops.testing.TfRun;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Dynamic loss scaling with Adam on {@code loss = sum(c * tanh(x w))}, computed in float32: the
 * skip, the halving and doubling of the scale, and that a power-of-two scale changes nothing.
 */
class DynamicLossScaleTest {
  private static final String SCOPE = "G_adam";
  private static final float[] X = {0.5f, -1f, 0.25f, 1f, 0.75f, -0.5f};
  private static final float[] W = {0.3f, -0.2f, 0.1f, 0.4f, -0.5f, 0.25f, 0.6f, -0.1f, 0.2f,
      -0.3f, 0.15f, 0.05f};
  /** Scores of order 1: with a scale of 2^126 their gradients overflow float32. */
  private static final float[] C = {8f, -6f, 5f, -7f, 4f, 9f, -5f, 6f};
  /** Every state variable, in a fixed order. */
  private static final List<String> STATE = List.of("net/kernel", SCOPE + "/net/kernel-m",
      SCOPE + "/net/kernel-v", SCOPE + "/beta1_power", SCOPE + "/beta2_power");

  /** A graph training {@code net/kernel} [3, 4] with Adam, its loss optionally scaled. */
  private static final class Model implements AutoCloseable {
    final Graph graph = new Graph();
    final Session session = new Session(graph);
    final Op update;
    final Ops tf = Scopes.root(graph);

    Model(float[] c, DynamicLossScale.Settings settings) {
      Variable<TFloat32> w = Variables.create(tf.withSubScope("net"), "kernel", Shape.of(3, 4),
          (init, name, shape) -> init.constant(shape, DataBuffers.of(W, true, false)));
      Operand<TFloat32> y = tf.math.tanh(tf.linalg.matMul(tf.constant(Shape.of(2, 3),
          DataBuffers.of(X, true, false)), w));
      Operand<TFloat32> loss = tf.reduceSum(tf.math.mul(y, tf.constant(Shape.of(2, 4),
          DataBuffers.of(c, true, false))), tf.constant(new int[] {0,
          1}));
      Ops opt = tf.withSubScope(SCOPE);
      Adam adam = new Adam(opt, 0.01f, 0.5f, 0.9f, 1e-7f);
      DynamicLossScale scaling = settings == null ? null : new DynamicLossScale(opt, settings);
      Output<?>[] grads = graph.addGradients("gradients", new Output<?>[] {
          (scaling == null ? loss : scaling.scaled(loss)).asOutput()},
          new Output<?>[] {w.asOutput()}, null);
      @SuppressWarnings("unchecked")
      List<GradAndVar> pairs = List.of(new GradAndVar((Operand<TFloat32>) grads[0],
          w.asOutput()));
      if (scaling == null) {
        update = adam.applyGradients(pairs, "update");
      } else {
        List<GradAndVar> unscaled = scaling.unscaled(pairs);
        DynamicLossScale.Check check = scaling.check(unscaled);
        update = scaling.adjustAfter(adam.applyGradients(unscaled, check.finite(), "apply"),
            check, "update");
      }
    }

    void step() {
      session.run(update);
    }

    float get(String name) {
      return TfRun.fetch(session, name)[0];
    }

    float scale() {
      return get(SCOPE + "/" + DynamicLossScale.SCALE);
    }

    float goodSteps() {
      return get(SCOPE + "/" + DynamicLossScale.GOOD_STEPS);
    }

    void setScale(float value) {
      session.run(tf.assign(graph.<TFloat32>operation(SCOPE + "/" + DynamicLossScale.SCALE)
          .output(0), tf.constant(value)));
    }

    Map<String, float[]> state() {
      Map<String, float[]> values = new LinkedHashMap<>();
      STATE.forEach(n -> values.put(n, TfRun.fetch(session, n)));
      return values;
    }

    @Override
    public void close() {
      session.close();
      graph.close();
    }
  }

  /**
   * After three finite steps (non-zero moments, beta powers past their initial values), a scale
   * of 2^126 makes {@code S c} overflow: the step leaves the weights, both moments and both beta
   * powers exactly as they were, halves the scale and restarts the count of finite steps.
   */
  @Test
  void anOverflowSkipsTheStepAndHalvesTheScale() {
    try (Model m = new Model(C, new DynamicLossScale.Settings(0x1p4f, 100))) {
      for (int i = 0; i < 3; i++) {
        m.step();
      }
      assertEquals(3f, m.goodSteps());
      assertTrue(m.state().get(SCOPE + "/net/kernel-m")[0] != 0f, "moments are non-zero");
      m.setScale(0x1p126f);
      Map<String, float[]> before = m.state();
      m.step();
      Map<String, float[]> after = m.state();
      for (String name : STATE) {
        assertArrayEquals(before.get(name), after.get(name), 0f, name);
      }
      assertEquals(0x1p125f, m.scale());
      assertEquals(0f, m.goodSteps());
    }
  }

  /** With a growth interval of 2 the scale doubles after every second finite step. */
  @Test
  void theScaleDoublesAfterEachGrowthIntervalOfFiniteSteps() {
    try (Model m = new Model(C, new DynamicLossScale.Settings(0x1p3f, 2))) {
      float[][] expected = {{0x1p3f, 1}, {0x1p4f, 0}, {0x1p4f, 1}, {0x1p5f, 0}, {0x1p5f, 1}};
      for (float[] e : expected) {
        m.step();
        assertEquals(e[0], m.scale());
        assertEquals(e[1], m.goodSteps());
      }
    }
  }

  /**
   * The scale stays finite and at least 1: at 2^127 (gradients of {@code c / 32}, at most 0.5,
   * stay finite) a due doubling keeps 2^127; a gradient that is infinite at any scale (an
   * infinite {@code c}) keeps a scale of 1 and skips every step.
   */
  @Test
  void theScaleStaysFiniteAndAtLeastOne() {
    float[] small = C.clone();
    for (int i = 0; i < small.length; i++) {
      small[i] /= 32;
    }
    try (Model m = new Model(small, new DynamicLossScale.Settings(0x1p127f, 1))) {
      float w = m.get("net/kernel");
      m.step();
      assertEquals(0x1p127f, m.scale());
      assertEquals(0f, m.goodSteps());
      assertTrue(m.get("net/kernel") != w, "the finite step applied");
    }
    float[] infinite = C.clone();
    infinite[0] = Float.POSITIVE_INFINITY;
    try (Model m = new Model(infinite, new DynamicLossScale.Settings(1f, 1))) {
      Map<String, float[]> before = m.state();
      m.step();
      assertEquals(1f, m.scale());
      Map<String, float[]> after = m.state();
      for (String name : STATE) {
        assertArrayEquals(before.get(name), after.get(name), 0f, name);
      }
    }
  }

  /**
   * A power-of-two scale changes no update. Every backward op is linear in the gradient it
   * receives (products with forward values, sums of such products), and multiplying by {@code
   * 2^k} commutes with float32 rounding while values stay in the normal range: {@code fl(2^k a
   * b) = 2^k fl(a b)}, {@code fl(2^k a + 2^k b) = 2^k fl(a + b)}. So the scaled graph's
   * gradient is exactly {@code 2^k} times the unscaled graph's, and dividing by {@code 2^k} is
   * exact: the bound is 0. Here every value is of order 0.01-10, far from float32's subnormals
   * (below 2^-126) and its overflow (2^128 / 2^10).
   */
  @Test
  void aPowerOfTwoScaleLeavesEveryUpdateUnchanged() {
    try (Model plain = new Model(C, null);
        Model scaled = new Model(C, new DynamicLossScale.Settings(0x1p10f, 1000))) {
      for (int i = 1; i <= 5; i++) {
        plain.step();
        scaled.step();
        Map<String, float[]> a = plain.state();
        Map<String, float[]> b = scaled.state();
        for (String name : STATE) {
          assertArrayEquals(a.get(name), b.get(name), 0f, name + " after step " + i);
        }
      }
      assertEquals(0x1p10f, scaled.scale());
    }
  }

  @Test
  void settingsMustBeAPowerOfTwoAndAPositiveInterval() {
    assertThrows(IllegalArgumentException.class, () -> new DynamicLossScale.Settings(3f, 2));
    assertThrows(IllegalArgumentException.class, () -> new DynamicLossScale.Settings(0.5f, 2));
    assertThrows(IllegalArgumentException.class,
        () -> new DynamicLossScale.Settings(Float.POSITIVE_INFINITY, 2));
    assertThrows(IllegalArgumentException.class, () -> new DynamicLossScale.Settings(2f, 0));
  }
}
