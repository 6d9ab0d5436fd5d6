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
import io.vidgan.replicas.devices.HostCpu;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;

/**
 * {@code --precision=fp16}'s dynamic loss scaling in a stage's training graph, run in fp32 compute
 * (the scaling is precision-independent; TF's fp16 CPU kernels are hundreds of times slower than
 * fp32): an overflowing update of tiny/lres with gradient accumulation. {@link
 * MixedPrecisionTest} checks the fp16 graph's structure.
 */
class LossScalingTest {
  private static final int BATCH = 4;
  private static final List<String> SCALING = List.of("loss_scale", "good_steps");

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
          Map<String, float[]> scale = ReplicaEquivalence.fetch(session, List.of(adam + "/loss_scale",
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
          ReplicaEquivalence.fetch(session, accumulators).forEach((n, a) -> {
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
    boolean fast = HostCpu.read().hasAny(List.of(ComputePrecision.FP16_CPU_FLAG));
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
    return ReplicaEquivalence.fetch(session, names);
  }
}
