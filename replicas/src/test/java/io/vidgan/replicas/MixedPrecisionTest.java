package io.vidgan.replicas;

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
import io.vidgan.replicas.devices.Devices;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;

/**
 * {@code --precision=bf16} and {@code fp16}: the same variables (fp16 adds its loss scaling's),
 * products in reduced precision, bf16 losses that track fp32.
 */
class MixedPrecisionTest {
  private static final int BATCH = 8;
  private static final int ITERATIONS = 6;
  private static final List<StepOutput> TRACKED = List.of(TrainingStep.LOSS_D,
      TrainingStep.SCORE_REAL, TrainingStep.SCORE_FAKE, TrainingStep.LOSS_G);

  @Test
  void variablesStayFloat32WithTheirNamesAndOnlyProductsComputeInBf16() throws Exception {
    assertOnlyProductsReduced(Precision.BF16, DataType.DT_BFLOAT16, List.of(), graph -> {});
  }

  /**
   * fp16 graphs follow the same policy and add dynamic loss scaling: its variables under both
   * optimizers (nothing else), a finiteness check of each update's gradients, and the loss-scale
   * outputs. (No fp16 step runs: TF's fp16 CPU kernels are hundreds of times slower than fp32.)
   */
  @Test
  void fp16GraphsAlsoScaleEachLoss() throws Exception {
    List<String> scaling = new ArrayList<>();
    for (String adam : List.of("G_adam/", "D_adam/")) {
      for (String leaf : List.of(DynamicLossScale.SCALE, DynamicLossScale.GOOD_STEPS)) {
        scaling.add(adam + leaf);
      }
    }
    assertOnlyProductsReduced(Precision.FP16, DataType.DT_HALF, scaling, fp16 -> {
      Map<String, Integer> checks = new LinkedHashMap<>();
      fp16.graph().operations().forEachRemaining(op -> {
        if (op.type().equals("IsFinite")) {
          checks.merge(op.name().substring(0, op.name().indexOf('/')), 1, Integer::sum);
        }
      });
      assertEquals(Set.of("G_adam", "D_adam"), checks.keySet(), "finiteness checks");
      assertTrue(fp16.step().outputs().containsAll(List.of(TrainingStep.LOSS_SCALE_D,
          TrainingStep.LOSS_SCALE_G)), fp16.step().outputs().toString());
    });
  }

  /**
   * Builds tiny/lres's training graph in fp32 and in {@code precision}: the latter's variables
   * are the former's (float32, same names and shapes) plus {@code added}; every product and its
   * gradients compute in {@code type} (bf16 convolutions only with an even number of input
   * channels, see {@code Precision.product}), and nothing of spectral norm, Adam, batch norm or the
   * activations does; then {@code more} checks the {@code precision} graph.
   */
  private static void assertOnlyProductsReduced(Precision precision, DataType type,
      List<String> added, Consumer<TrainingGraph> more) throws Exception {
    StageConfig c = Presets.load("tiny/lres");
    try (TrainingGraph fp32 = TrainingGraph.build(c, Devices.local(1, 0), BATCH, 1, null,
            Precision.FP32);
        TrainingGraph reduced = TrainingGraph.build(c, Devices.local(1, 0), BATCH, 1, null,
            precision)) {
      Map<String, String> vars = variables(reduced);
      assertTrue(vars.size() > added.size(), "variables found: " + vars.keySet());
      assertTrue(vars.keySet().containsAll(added), added + " in " + vars.keySet());
      added.forEach(vars::remove);
      assertEquals(variables(fp32), vars, "checkpoint names, shapes and types");
      assertTrue(variables(fp32).keySet().stream().noneMatch(added::contains));
      for (String t : variables(reduced).values()) {
        assertTrue(t.startsWith(DataType.DT_FLOAT_REF + " "), t);
      }
      Map<String, Integer> ops = new LinkedHashMap<>();
      reduced.graph().operations().forEachRemaining(op -> {
        GraphOperation g = (GraphOperation) op;
        if (g.numOutputs() > 0 && g.output(0).dataType() == type) {
          ops.merge(g.type(), 1, Integer::sum);
          assertTrue(!g.name().contains("/sn/") && !g.name().matches("[GD]_adam/.*"), g.name());
          if (type == DataType.DT_BFLOAT16 && List.of("Conv2D", "Conv3D").contains(g.type())) {
            Shape kernel = g.input(1).shape();
            assertEquals(0, kernel.get(kernel.numDimensions() - 2) % 2, g.name() + " " + kernel);
          }
        }
      });
      for (String product : List.of("Conv2D", "Conv3D", "MatMul", "Conv2DBackpropInput",
          "Conv2DBackpropFilter", "Conv3DBackpropFilterV2")) {
        assertTrue(ops.containsKey(product), product + " in " + type + ": " + ops);
      }
      for (String fp32Only : List.of("FusedBatchNormV3", "Mean", "ApplyAdam", "Relu")) {
        assertTrue(!ops.containsKey(fp32Only), fp32Only + " stays fp32: " + ops);
      }
      more.accept(reduced);
    }
  }

  /**
   * Six iterations (one D and one G update each) of tiny/lres on one fixed batch: the bf16 run's
   * losses and mean scores stay within {@link #bound} of the fp32 run's.
   */
  @Test
  void bf16LossesTrackFp32() throws Exception {
    StageConfig c = Presets.load("tiny/lres");
    List<Map<StepOutput, Float>> fp32 = train(c, Precision.FP32);
    List<Map<StepOutput, Float>> bf16 = train(c, Precision.BF16);
    StringBuilder table = new StringBuilder();
    for (int i = 0; i < ITERATIONS; i++) {
      for (StepOutput out : TRACKED) {
        float a = fp32.get(i).get(out);
        float b = bf16.get(i).get(out);
        double bound = bound(c, a);
        table.append(String.format("%d %s fp32 %.5f bf16 %.5f diff %.2e bound %.2e%n", i,
            out.name(), a, b, Math.abs(a - b), bound));
        assertTrue(Math.abs(a - b) <= bound, table.toString());
      }
    }
    System.out.print(table);
  }

  /**
   * The allowed difference of a value of fp32 magnitude {@code a}.
   *
   * <p>A bf16 product rounds both operands and its result to 8 significant bits (unit roundoff
   * {@code u = 2^-8}; oneDNN accumulates in fp32): at most {@code 3u} relative error per product
   * layer, relative to the magnitude of its terms. Relative errors add along the longest chain of
   * products from the latent to a score, {@code L = 12} in tiny/lres (G: linear, ConvGRU, 2
   * blocks of 2 convs, output conv; D: 2 blocks of 2 convs, score head). The score head sums
   * {@code F} terms of either sign ({@code F} = D's last channels, twice: linear and class
   * projection); such a sum is about {@code sqrt(F)} times smaller than the sum of its terms'
   * magnitudes, so its relative error is {@code sqrt(F)} times theirs. Hence {@code 3 L u
   * sqrt(F)} of {@code max(1, |a|)} (hinge losses are of order 1 near a zero score). Over the
   * few iterations compared, Adam moves each weight by at most about its learning rate per
   * update in either run (at most 0.024 in six iterations, against orthogonal weights of order
   * 1), which stays within the same rounding-sized bound.
   */
  private static double bound(StageConfig c, float a) {
    double u = Math.scalb(1.0, -Precision.BF16.significandBits());
    int layers = 12;
    List<Integer> multipliers = c.getDiscriminator().getChannelMultipliersList();
    int headTerms = 2 * c.getDiscriminator().getBaseChannels()
        * multipliers.get(multipliers.size() - 1);
    return 3 * layers * u * Math.sqrt(headTerms) * Math.max(1, Math.abs(a));
  }

  private static List<Map<StepOutput, Float>> train(StageConfig c, Precision precision) {
    Devices devices = Devices.local(1, 0);
    List<Map<StepOutput, Float>> values = new ArrayList<>();
    try (TrainingGraph graph = TrainingGraph.build(c, devices, BATCH, 1, null, precision);
        Session session = new Session(graph.graph(), devices.sessionConfig())) {
      StepRunner runner = new StepRunner(graph, session);
      List<ReplicaFeed> feeds = ReplicaEquivalence.feeds(c, 1, BATCH);
      try {
        for (int i = 0; i < ITERATIONS; i++) {
          StepValues d = runner.apply(Update.D, feeds, 5, 2L * i);
          StepValues g = runner.apply(Update.G, feeds, 5, 2L * i + 1);
          Map<StepOutput, Float> step = new LinkedHashMap<>();
          for (StepOutput out : TRACKED) {
            step.put(out, (out.update() == Update.D ? d : g).get(out));
          }
          values.add(step);
        }
      } finally {
        for (ReplicaFeed f : feeds) {
          f.real().close();
          f.labels().close();
        }
      }
    }
    return values;
  }

  /** Every variable's name with its type and shape. */
  private static Map<String, String> variables(TrainingGraph graph) {
    Map<String, String> vars = new LinkedHashMap<>();
    for (String scope : List.of("lres", "G_adam", "D_adam")) {
      for (Output<TFloat32> v : Variables.under(graph.graph(), scope, false)) {
        vars.put(v.op().name(), v.dataType() + " " + v.shape());
      }
    }
    return vars;
  }
}
