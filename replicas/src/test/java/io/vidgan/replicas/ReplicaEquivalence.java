package io.vidgan.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.graphs.config.Presets;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.graphs.config.VideoShape;
import io.vidgan.ops.Variables;
import io.vidgan.ops.testing.TfRun;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
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
 */
final class ReplicaEquivalence {
  static final int GLOBAL_BATCH = 8;

  private ReplicaEquivalence() {}

  /**
   * Asserts that, after the two steps, every variable under the scopes whose names start with one
   * of {@code scopes} differs by less than {@code tolerance} between 1 and {@code replicas}.
   */
  static void assertEquivalent(String preset, int replicas, List<String> scopes, double tolerance)
      throws Exception {
    StageConfig.Builder b = Presets.load(preset).toBuilder();
    b.getOptimizationBuilder().getGeneratorAdamBuilder().setEpsilon(1e-3f);
    b.getOptimizationBuilder().getDiscriminatorAdamBuilder().setEpsilon(1e-3f);
    StageConfig config = b.build();
    Map<String, float[]> one = trainTwoSteps(config, 1, scopes);
    Map<String, float[]> many = trainTwoSteps(config, replicas, scopes);
    assertEquals(one.keySet(), many.keySet());
    double worst = 0;
    String where = "";
    for (String name : one.keySet()) {
      double diff = TfRun.maxAbsDiff(one.get(name), many.get(name));
      if (diff > worst) {
        worst = diff;
        where = name;
      }
    }
    assertTrue(worst < tolerance, "largest difference " + worst + " in " + where);
  }

  private static Map<String, float[]> trainTwoSteps(StageConfig c, int replicas,
      List<String> scopes) {
    int b = GLOBAL_BATCH / replicas;
    Devices devices = Devices.local(replicas, 0);
    try (TrainingGraph graph = TrainingGraph.build(c, devices, b, 60f);
        Session session = new Session(graph.graph(), devices.sessionConfig())) {
      StepRunner runner = new StepRunner(graph, session);
      List<ReplicaFeed> feeds = feeds(c, replicas, b);
      try {
        StepRunner.Losses d = runner.discriminatorStep(feeds, 3, 0);
        StepRunner.Losses g = runner.generatorStep(feeds, 3, 1);
        assertTrue(d.finite() && Float.isFinite(g.total()), "finite losses");
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
  }

  /** A fixed global batch, split in replica-sized slices. */
  private static List<ReplicaFeed> feeds(StageConfig c, int replicas, int b) {
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
