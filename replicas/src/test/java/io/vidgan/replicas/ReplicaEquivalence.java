package io.vidgan.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.graphs.Update;
import io.vidgan.graphs.config.Presets;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.graphs.config.VideoShape;
import io.vidgan.ops.Variables;
import io.vidgan.ops.optim.GradientAccumulation;
import io.vidgan.ops.testing.Closeness;
import io.vidgan.ops.testing.TfRun;
import io.vidgan.replicas.devices.Devices;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Trains one D step and one G step of a preset with 1 and with N replicas on the same global batch
 * and compares every variable afterwards.
 *
 * <p>Adam's epsilon is raised to 1e-3: a conv bias feeding batch norm has a true gradient of
 * exactly zero, so its computed gradient is float noise of order 1e-9, which Adam with epsilon 1e-8
 * turns into steps of order the learning rate with an arbitrary sign. With a larger epsilon every
 * update is close to linear in its gradient, so the comparison tests the gradients themselves.
 * Even so, Adam divides by epsilon: a weight moves by up to {@code lr / epsilon} times its
 * gradient's rounding error, which {@link TrainedStateBound} accounts for.
 */
final class ReplicaEquivalence {
  static final int GLOBAL_BATCH = 8;
  /** System property overriding the intra-op thread count of every session. */
  static final String INTRA_OP_THREADS = "vidgan.test.intraOpThreads";
  /**
   * Magnitude below which an accumulated value is compared absolutely: gradients that are zero in
   * exact arithmetic (a conv bias feeding batch norm) are float noise of order 1e-9.
   */
  private static final double RELATIVE_FLOOR = 1e-3;

  private ReplicaEquivalence() {}

  /**
   * Asserts that, after the two steps, every variable under the scopes whose names start with one
   * of {@code scopes} is within its {@link TrainedStateBound rounding bound} between 1 replica and
   * {@code many}.
   */
  static void assertEquivalent(String preset, Devices many, List<String> scopes)
      throws Exception {
    StageConfig config = linearAdam(preset);
    new TrainedStateBound(config, GLOBAL_BATCH, 1, 1).assertSameState(
        trainTwoSteps(config, Devices.local(1, 0), 1, scopes),
        trainTwoSteps(config, many, 1, scopes));
  }

  /**
   * Asserts that accumulating {@code micro} copies of one micro-batch (same data, same noise) per
   * update changes every trained variable under {@code scopes} and its Adam moments as one run on
   * that micro-batch does, and leaves the accumulators at zero. State updated by every forward
   * run (BN moving averages, spectral-norm {@code u}) advances once per run, so it is not compared.
   */
  static void assertAccumulationEquivalent(String preset, int micro, List<String> scopes,
      double tolerance) throws Exception {
    StageConfig config = linearAdam(preset);
    Map<String, float[]> one = trainTwoSteps(config, Devices.local(1, 0), 1, scopes);
    Map<String, float[]> accumulated = trainTwoSteps(config, Devices.local(1, 0), micro, scopes);
    one.keySet().removeIf(name -> !Variables.isTrainable(name));
    accumulated.keySet().removeIf(name -> !Variables.isTrainable(name));
    assertClose(one, accumulated, tolerance);
  }

  private static StageConfig linearAdam(String preset) throws Exception {
    StageConfig.Builder b = Presets.load(preset).toBuilder();
    b.getOptimizationBuilder().getGeneratorAdamBuilder().setEpsilon(1e-3f);
    b.getOptimizationBuilder().getDiscriminatorAdamBuilder().setEpsilon(1e-3f);
    return b.build();
  }

  /**
   * Asserts that every variable of {@code many} is within {@code tolerance} of {@code one},
   * relative to the variable's largest magnitude but at least {@link #RELATIVE_FLOOR}.
   */
  private static void assertClose(Map<String, float[]> one, Map<String, float[]> many,
      double tolerance) {
    assertEquals(one.keySet(), many.keySet());
    double worst = 0;
    String where = "";
    for (String name : one.keySet()) {
      float[] a = one.get(name);
      double diff = TfRun.maxAbsDiff(a, many.get(name))
          / Math.max(RELATIVE_FLOOR, Closeness.magnitude(a));
      if (diff > worst) {
        worst = diff;
        where = name;
      }
    }
    assertTrue(worst < tolerance, "largest difference " + worst + " in " + where);
  }

  /**
   * One D step then one G step from the initial variables; with {@code micro > 1} each step first
   * accumulates {@code micro - 1} copies of its batch. Returns the variables under {@code scopes}
   * except the accumulators, which must be zero.
   */
  private static Map<String, float[]> trainTwoSteps(StageConfig c, Devices devices, int micro,
      List<String> scopes) {
    int replicas = devices.count();
    int b = GLOBAL_BATCH / replicas;
    try (TrainingGraph graph = TrainingGraph.build(c, devices, b, micro);
        Session session = new Session(graph.graph(), sessionConfig(devices))) {
      StepRunner runner = new StepRunner(graph, session);
      List<ReplicaFeed> feeds = feeds(c, replicas, b);
      try {
        for (int j = 1; j < micro; j++) {
          runner.accumulate(Update.D, feeds, 3, 0);
        }
        StepValues d = runner.apply(Update.D, feeds, 3, 0);
        for (int j = 1; j < micro; j++) {
          runner.accumulate(Update.G, feeds, 3, 1);
        }
        StepValues g = runner.apply(Update.G, feeds, 3, 1);
        assertTrue(d.finite() && g.finite(), "finite losses");
      } finally {
        for (ReplicaFeed f : feeds) {
          f.real().close();
          f.labels().close();
          if (f.lowRes() != null) {
            f.lowRes().close();
          }
        }
      }
      List<String> names = new ArrayList<>();
      for (String scope : scopes) {
        for (Output<TFloat32> v : Variables.under(graph.graph(), scope, false)) {
          names.add(v.op().name());
        }
      }
      Map<String, float[]> values = fetch(session, names);
      for (Map.Entry<String, float[]> e : List.copyOf(values.entrySet())) {
        if (e.getKey().endsWith("-" + GradientAccumulation.SLOT)) {
          assertEquals(0.0, TfRun.maxAbsDiff(e.getValue(), new float[e.getValue().length]),
              e.getKey() + " is not reset after the update");
          values.remove(e.getKey());
        }
      }
      return values;
    }
  }

  /**
   * The trainer's session config, with the intra-op thread count of system property {@value
   * #INTRA_OP_THREADS} when set (to check the bounds with 1 and 2 threads).
   */
  private static ConfigProto sessionConfig(Devices devices) {
    ConfigProto config = devices.sessionConfig();
    String threads = System.getProperty(INTRA_OP_THREADS);
    return threads == null ? config
        : config.toBuilder().setIntraOpParallelismThreads(Integer.parseInt(threads)).build();
  }

  private static Map<String, float[]> fetch(Session session, List<String> names) {
    // One run for all variables: every distinct fetch set is a new executor to compile.
    Session.Runner fetch = session.runner();
    names.forEach(fetch::fetch);
    Map<String, float[]> values = new LinkedHashMap<>();
    try (Result result = fetch.run()) {
      for (int i = 0; i < names.size(); i++) {
        values.put(names.get(i), TfRun.values(result.get(i)));
      }
    }
    return values;
  }

  /** A fixed global batch, split in replica-sized slices. */
  static List<ReplicaFeed> feeds(StageConfig c, int replicas, int b) {
    VideoShape v = c.getVideo();
    int videoSize = v.getFrames() * v.getHeight() * v.getWidth() * 3;
    float[] video = TfRun.gaussian(GLOBAL_BATCH * videoSize, 11);
    VideoShape l = c.getKind() == StageConfig.Kind.SUPER_RES ? StageConfigs.lowResShape(c) : null;
    int lowSize = l == null ? 0 : l.getFrames() * l.getHeight() * l.getWidth() * 3;
    float[] low = TfRun.gaussian(GLOBAL_BATCH * lowSize, 12);
    List<ReplicaFeed> feeds = new ArrayList<>();
    for (int r = 0; r < replicas; r++) {
      int[] labels = new int[b];
      for (int i = 0; i < b; i++) {
        labels[i] = (r * b + i) % c.getNumClasses();
      }
      TFloat32 real = TfRun.tensor(Shape.of(b, v.getFrames(), v.getHeight(), v.getWidth(), 3),
          Arrays.copyOfRange(video, r * b * videoSize, (r + 1) * b * videoSize));
      TFloat32 lowRes = l == null ? null : TfRun.tensor(
          Shape.of(b, l.getFrames(), l.getHeight(), l.getWidth(), 3),
          Arrays.copyOfRange(low, r * b * lowSize, (r + 1) * b * lowSize));
      feeds.add(new ReplicaFeed(real, TInt32.vectorOf(labels), lowRes));
    }
    return feeds;
  }
}
