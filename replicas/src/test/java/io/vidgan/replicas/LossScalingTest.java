package io.vidgan.replicas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.graphs.StepOutput;
import io.vidgan.graphs.TrainingStep;
import io.vidgan.graphs.Update;
import io.vidgan.graphs.config.Presets;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.Precision;
import io.vidgan.ops.Variables;
import io.vidgan.ops.optim.DynamicLossScale;
import io.vidgan.ops.optim.GradientAccumulation;
import io.vidgan.replicas.config.TrainerConfig;
import io.vidgan.replicas.devices.Devices;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * {@code --precision=fp16}'s dynamic loss scaling in a stage's training graph: its variables and
 * ops (no fp16 run: TF's fp16 CPU kernels are hundreds of times slower than fp32), and an
 * overflowing step of tiny/lres computed in fp32 with gradient accumulation.
 */
class LossScalingTest {
  private static final int BATCH = 4;
  private static final List<String> SCALING = List.of("loss_scale", "good_steps");

  @Test
  void fp16GraphsScaleEachLossAndComputeProductsInFp16() throws Exception {
    StageConfig c = Presets.load("tiny/lres");
    try (TrainingGraph fp32 = TrainingGraph.build(c, Devices.local(1, 0), BATCH, 1, null,
            Precision.FP32);
        TrainingGraph fp16 = TrainingGraph.build(c, Devices.local(1, 0), BATCH, 1, null,
            Precision.FP16)) {
      Set<String> added = new TreeSet<>(variables(fp16));
      added.removeAll(variables(fp32));
      Set<String> expected = new TreeSet<>();
      for (String scope : List.of("G_adam/", "D_adam/")) {
        SCALING.forEach(leaf -> expected.add(scope + leaf));
      }
      assertEquals(expected, added, "fp16 adds only the loss-scale variables");
      assertTrue(variables(fp16).containsAll(variables(fp32)), "fp32 names kept");
      assertTrue(fp16.step().outputs().containsAll(List.of(TrainingStep.LOSS_SCALE_D,
          TrainingStep.LOSS_SCALE_G)));
      assertTrue(!fp32.step().outputs().contains(TrainingStep.LOSS_SCALE_G));
      Map<String, Integer> half = new LinkedHashMap<>();
      Map<String, Integer> checks = new LinkedHashMap<>();
      fp16.graph().operations().forEachRemaining(op -> {
        GraphOperation g = (GraphOperation) op;
        if (g.numOutputs() > 0 && g.output(0).dataType() == DataType.DT_HALF) {
          half.merge(g.type(), 1, Integer::sum);
        }
        if (g.type().equals("IsFinite")) {
          checks.merge(g.name().substring(0, g.name().indexOf('/')), 1, Integer::sum);
        }
      });
      for (String product : List.of("Conv2D", "Conv3D", "MatMul", "Conv2DBackpropInput",
          "Conv2DBackpropFilter", "Conv3DBackpropFilterV2")) {
        assertTrue(half.containsKey(product), product + " in fp16: " + half);
      }
      assertTrue(!half.containsKey("ApplyAdam"), "Adam stays fp32: " + half);
      assertTrue(checks.getOrDefault("G_adam", 0) > 0 && checks.getOrDefault("D_adam", 0) > 0,
          "finiteness checks under both optimizers: " + checks);
    }
  }

  /**
   * A scale of 2^126 overflows tiny/lres's scaled gradients in fp32. One D update of two
   * accumulated micro-batches and one G update each leave every trained weight and all of the
   * network's Adam state unchanged and zero the accumulators; the scale halves, the reported
   * gradient norm is 0 (nothing applied) and the loss-scale output is the new scale.
   */
  @Test
  void anOverflowingUpdateChangesNoWeightAndHalvesTheScale() throws Exception {
    StageConfig c = Presets.load("tiny/lres");
    Devices devices = Devices.local(1, 0);
    try (TrainingGraph graph = TrainingGraph.build(c, devices, BATCH, 2, null, Precision.FP32,
        Optional.of(new DynamicLossScale.Settings(0x1p126f, 2)));
        Session session = new Session(graph.graph(), devices.sessionConfig())) {
      StepRunner runner = new StepRunner(graph, session);
      List<ReplicaFeed> feeds = ReplicaEquivalence.feeds(c, 1, BATCH);
      try {
        long run = 0;
        for (Update u : List.of(Update.D, Update.G)) {
          String adam = u == Update.D ? "D_adam" : "G_adam";
          Map<String, float[]> before = trained(graph, session, adam);
          runner.accumulate(u, feeds, 3, run++);
          StepValues values = runner.apply(u, feeds, 3, run++);
          Map<String, float[]> after = trained(graph, session, adam);
          assertEquals(before.keySet(), after.keySet());
          for (String name : before.keySet()) {
            assertArrayEquals(before.get(name), after.get(name), 0f, name);
          }
          Map<String, float[]> scale = fetch(session, List.of(adam + "/loss_scale",
              adam + "/good_steps"));
          assertArrayEquals(new float[] {0x1p125f}, scale.get(adam + "/loss_scale"), 0f);
          assertArrayEquals(new float[] {0f}, scale.get(adam + "/good_steps"), 0f);
          StepOutput norm = u == Update.D ? TrainingStep.GRAD_NORM_D : TrainingStep.GRAD_NORM_G;
          assertEquals(0f, values.get(norm), norm.name());
          assertEquals(0x1p125f, values.get(u == Update.D ? TrainingStep.LOSS_SCALE_D
              : TrainingStep.LOSS_SCALE_G));
          List<String> accumulators = Variables.under(graph.graph(), adam, false).stream()
              .map(v -> v.op().name()).filter(n -> n.endsWith("-" + GradientAccumulation.SLOT))
              .toList();
          assertTrue(!accumulators.isEmpty());
          fetch(session, accumulators).forEach((n, a) -> {
            for (float v : a) {
              assertEquals(0f, v, n);
            }
          });
        }
      } finally {
        for (ReplicaFeed f : feeds) {
          f.real().close();
          f.labels().close();
        }
      }
    }
  }

  /** fp16 on a CPU computes as asked; without AVX512_FP16 a warning line says it is slow. */
  @Test
  void fp16OnACpuWarnsWithoutAvx512Fp16() {
    List<String> lines = new ArrayList<>();
    Precision p = ComputePrecision.resolve(TrainerConfig.Precision.FP16, Devices.local(1, 0),
        lines::add);
    assertEquals(Precision.FP16, p);
    boolean fast = ComputePrecision.cpuHas(List.of(ComputePrecision.FP16_CPU_FLAG));
    assertEquals(fast ? 0 : 1, lines.size(), lines.toString());
    lines.forEach(l -> assertTrue(l.startsWith("warning: ") && l.contains("avx512_fp16"), l));
  }

  /** The trained weights of the stage and {@code adam}'s state but its loss scaling, by name. */
  private static Map<String, float[]> trained(TrainingGraph graph, Session session,
      String adam) {
    List<String> names = new ArrayList<>();
    for (Output<TFloat32> v : Variables.under(graph.graph(), "lres", true)) {
      names.add(v.op().name());
    }
    for (Output<TFloat32> v : Variables.under(graph.graph(), adam, false)) {
      String name = v.op().name();
      if (!SCALING.contains(name.substring(name.lastIndexOf('/') + 1))
          && !name.endsWith("-" + GradientAccumulation.SLOT)) {
        names.add(name);
      }
    }
    return fetch(session, names);
  }

  /** The values of variables {@code names}, fetched in one run, by name. */
  private static Map<String, float[]> fetch(Session session, List<String> names) {
    Session.Runner r = session.runner();
    names.forEach(r::fetch);
    Map<String, float[]> values = new LinkedHashMap<>();
    try (Result result = r.run()) {
      for (int i = 0; i < names.size(); i++) {
        TFloat32 t = (TFloat32) result.get(i);
        float[] a = new float[(int) t.shape().size()];
        t.copyTo(DataBuffers.of(a, false, false));
        values.put(names.get(i), a);
      }
    }
    return values;
  }

  /** Every variable's name. */
  private static Set<String> variables(TrainingGraph graph) {
    Set<String> names = new TreeSet<>();
    for (String scope : List.of("lres", "G_adam", "D_adam")) {
      for (Output<TFloat32> v : Variables.under(graph.graph(), scope, false)) {
        names.add(v.op().name());
      }
    }
    return names;
  }
}
