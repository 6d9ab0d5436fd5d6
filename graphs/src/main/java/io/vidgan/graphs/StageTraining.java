package io.vidgan.graphs;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import io.vidgan.graphs.config.AdamConfig;
import io.vidgan.graphs.config.OptimizationConfig;
import io.vidgan.ops.Scopes;
import io.vidgan.ops.Variables;
import io.vidgan.ops.optim.Adam;
import io.vidgan.ops.optim.DynamicLossScale;
import io.vidgan.ops.optim.GradAndVar;
import io.vidgan.ops.optim.GradientAccumulation;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The train ops of a stage: losses averaged over towers, gradients for G and D separately (each
 * only w.r.t. its own variables), one Adam each ({@code G_adam}, {@code D_adam}), optionally fed by
 * gradients accumulated over micro-batches, and the optional EMA of G.
 *
 * <p>Averaging the tower losses makes the gradient that of the global batch however many towers
 * there are; TF sums the towers' contributions to each shared weight. The run targets and fetches
 * are ops with fixed names, listed in {@link TrainOps}, because the replicated graph is rewritten
 * (device placement) and then addressed by name: each output's as declared in {@link
 * TrainingStep}.
 */
public final class StageTraining {
  public static final String G_ADAM = "G_adam";
  public static final String D_ADAM = "D_adam";
  private static final String UPDATE_OP = "update";

  private StageTraining() {}

  /** Builds the train ops for {@code stage} from its {@code towers}, one run per update. */
  public static TrainOps build(Graph g, Ops root, Stage stage, List<Tower> towers) {
    return build(g, root, stage, towers, 1, Optional.empty());
  }

  /**
   * Builds the train ops for {@code stage} from its {@code towers}, and every output of the step
   * ({@link TrainingStep#outputs}) under its declared name.
   *
   * @param accumulation micro-batches per update; above 1, every update first runs {@code
   *     <scope>/accumulate} {@code accumulation - 1} times (see {@link GradientAccumulation})
   * @param lossScale dynamic loss scaling of each update ({@link DynamicLossScale}, for fp16
   *     products), or empty: each of G and D scales its loss with its own {@code
   *     <scope>/loss_scale}, accumulates unscaled float32 gradients, and skips its whole update
   *     when the accumulated gradient is not finite
   */
  public static TrainOps build(Graph g, Ops root, Stage stage, List<Tower> towers,
      int accumulation, Optional<DynamicLossScale.Settings> lossScale) {
    checkArgument(!towers.isEmpty(), "no towers");
    List<StepOutput> outputs = TrainingStep.outputs(networks(g, stage), lossScale.isPresent());
    Map<StepOutput, Operand<TFloat32>> values = new HashMap<>();
    for (StepOutput out : outputs) {
      if (out.source() instanceof StepOutput.TowerMean m) {
        values.put(out, named(out, mean(root, out, towers, m.part())));
      }
    }
    OptimizationConfig o = stage.config().getOptimization();
    Map<Update, Op> updates = new EnumMap<>(Update.class);
    Map<Update, Op> accumulates = new EnumMap<>(Update.class);
    for (Update u : List.of(Update.D, Update.G)) {
      Applied a = u == Update.D
          ? update(g, root, D_ADAM, values.get(TrainingStep.LOSS_D),
              stage.discriminatorVariables(g), o.getDiscriminatorAdam(), accumulation, lossScale)
          : update(g, root, G_ADAM, values.get(TrainingStep.LOSS_G),
              stage.generatorVariables(g), o.getGeneratorAdam(), accumulation, lossScale);
      updates.put(u, a.op);
      if (a.accumulate != null) {
        accumulates.put(u, a.accumulate);
      }
      for (StepOutput out : outputs) {
        if (out.update() == u && out.source() instanceof StepOutput.GradientNorm n) {
          values.put(out, named(out, a.norm(root, stage.name(), out, n.network())));
        }
        if (out.update() == u && out.source() instanceof StepOutput.LossScale) {
          Ops tf = Scopes.at(root, out.scope());
          values.put(out, named(out, tf.withName(out.leaf()).identity(
              a.check.orElseThrow().nextScale())));
        }
      }
    }
    GeneratorEma ema = o.getEma().getEnabled()
        ? new GeneratorEma(root, stage.name(), stage.generatorVariables(g)) : null;
    return new TrainOps(updates, accumulates, ema, outputs, values);
  }

  /** The networks of {@code stage} that have trainable variables in {@code g}. */
  private static List<Network> networks(Graph g, Stage stage) {
    List<Network> present = new ArrayList<>();
    for (Network n : Network.values()) {
      if (!Variables.under(g, stage.name() + "/" + n.scope(), true).isEmpty()) {
        present.add(n);
      }
    }
    return present;
  }

  /** {@code op}, checked to carry the name its output declares. */
  private static Operand<TFloat32> named(StepOutput out, Operand<TFloat32> op) {
    checkState(op.op().name().equals(out.name()), "%s was built as %s", out.name(),
        op.op().name());
    return op;
  }

  /**
   * An update's train op, the squared norm of each gradient it applies, by variable, and its
   * loss scaling's check of the gradients.
   */
  private record Applied(Op op, Op accumulate, List<Output<TFloat32>> variables,
      List<Operand<TFloat32>> squares, Optional<DynamicLossScale.Check> check) {
    /**
     * The global norm of the gradients of {@code network}'s variables, or of all of them; 0 for
     * an update that loss scaling skipped (nothing was applied).
     */
    Operand<TFloat32> norm(Ops root, String stage, StepOutput out, Optional<Network> network) {
      List<Operand<TFloat32>> parts = new ArrayList<>();
      for (int i = 0; i < variables.size(); i++) {
        if (network.isEmpty() || network.get().owns(stage, variables.get(i).op().name())) {
          parts.add(squares.get(i));
        }
      }
      Ops tf = Scopes.at(root, out.scope());
      Ops named = tf.withName(out.leaf());
      return check.isEmpty() ? named.math.sqrt(tf.math.addN(parts))
          : named.select(check.get().finite(), tf.math.sqrt(tf.math.addN(parts)),
              tf.constant(0f));
    }
  }

  private static Applied update(Graph g, Ops root, String scope, Operand<TFloat32> loss,
      List<Output<TFloat32>> variables, AdamConfig config, int accumulation,
      Optional<DynamicLossScale.Settings> lossScale) {
    checkArgument(accumulation >= 1, "accumulation must be >= 1, got %s", accumulation);
    checkArgument(!variables.isEmpty(), "%s: no variables to train", scope);
    Ops tf = root.withSubScope(scope);
    Optional<DynamicLossScale> scaling = lossScale.map(s -> new DynamicLossScale(tf, s));
    Operand<TFloat32> differentiated = scaling.map(s -> s.scaled(loss)).orElse(loss);
    Output<?>[] grads = g.addGradients("gradients_" + scope,
        new Output<?>[] {differentiated.asOutput()}, variables.toArray(new Output<?>[0]), null);
    List<GradAndVar> pairs = new ArrayList<>();
    for (int i = 0; i < grads.length; i++) {
      @SuppressWarnings("unchecked")
      Operand<TFloat32> grad = (Operand<TFloat32>) grads[i];
      pairs.add(new GradAndVar(grad, variables.get(i)));
    }
    if (scaling.isPresent()) {
      pairs = scaling.get().unscaled(pairs);
    }
    GradientAccumulation accumulated = accumulation > 1
        ? new GradientAccumulation(tf, pairs, accumulation) : null;
    List<GradAndVar> applied = accumulated == null ? pairs : accumulated.gradients();
    List<Operand<TFloat32>> squares = new ArrayList<>();
    for (GradAndVar gv : applied) {
      Operand<TFloat32> grad = gv.gradient();
      squares.add(tf.reduceSum(tf.math.square(grad), tf.range(tf.constant(0), tf.rank(grad),
          tf.constant(1))));
    }
    Adam adam = new Adam(tf, config.getLearningRate(), config.getBeta1(), config.getBeta2(),
        config.getEpsilon());
    Optional<DynamicLossScale.Check> check = scaling.map(s -> s.check(applied));
    String name = accumulated == null ? UPDATE_OP : "apply";
    Op apply = scaling.isEmpty() ? adam.applyGradients(applied, name)
        : scaling.get().adjustAfter(adam.applyGradients(applied, check.get().finite(), "step"),
            check.get(), name);
    if (accumulated == null) {
      return new Applied(apply, null, variables, squares, check);
    }
    return new Applied(accumulated.resetAfter(apply, UPDATE_OP), accumulated.accumulate(),
        variables, squares, check);
  }

  private static Operand<TFloat32> mean(Ops root, StepOutput out, List<Tower> towers,
      Function<Tower, Operand<TFloat32>> part) {
    List<Operand<TFloat32>> parts = new ArrayList<>();
    for (Tower t : towers) {
      parts.add(part.apply(t));
    }
    Ops tf = Scopes.at(root, out.scope());
    return tf.withName(out.leaf()).math.div(tf.math.addN(parts), tf.constant((float) parts.size()));
  }
}
