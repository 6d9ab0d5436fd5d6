package io.vidgan.graphs;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.graphs.config.AdamConfig;
import io.vidgan.graphs.config.OptimizationConfig;
import io.vidgan.ops.optim.Adam;
import io.vidgan.ops.optim.GradAndVar;
import io.vidgan.ops.optim.GradientAccumulation;
import java.util.ArrayList;
import java.util.List;
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
 * (device placement) and then addressed by name.
 */
public final class StageTraining {
  public static final String G_ADAM = "G_adam";
  public static final String D_ADAM = "D_adam";
  private static final String UPDATE_OP = "update";

  private StageTraining() {}

  /** Builds the train ops for {@code stage} from its {@code towers}, one run per update. */
  public static TrainOps build(Graph g, Ops root, Stage stage, List<Tower> towers) {
    return build(g, root, stage, towers, 1);
  }

  /**
   * Builds the train ops for {@code stage} from its {@code towers}.
   *
   * @param accumulation micro-batches per update; above 1, every update first runs {@code
   *     <scope>/accumulate} {@code accumulation - 1} times (see {@link GradientAccumulation})
   */
  public static TrainOps build(Graph g, Ops root, Stage stage, List<Tower> towers,
      int accumulation) {
    checkArgument(!towers.isEmpty(), "no towers");
    Ops loss = root.withSubScope("loss");
    Operand<TFloat32> lossD = mean(loss, "D", towers, t -> t.discriminatorLoss().total());
    Operand<TFloat32> lossDReal = mean(loss, "D_real", towers, t -> t.discriminatorLoss().real());
    Operand<TFloat32> lossDFake = mean(loss, "D_fake", towers, t -> t.discriminatorLoss().fake());
    Operand<TFloat32> lossG = mean(loss, "G_hinge", towers, Tower::generatorLoss);
    OptimizationConfig o = stage.config().getOptimization();
    Update d = update(g, root, D_ADAM, lossD, stage.discriminatorVariables(g),
        o.getDiscriminatorAdam(), accumulation);
    Update gen = update(g, root, G_ADAM, lossG, stage.generatorVariables(g),
        o.getGeneratorAdam(), accumulation);
    GeneratorEma ema = o.getEma().getEnabled()
        ? new GeneratorEma(root, stage.name(), stage.generatorVariables(g)) : null;
    return new TrainOps(d.op, gen.op, d.accumulate, gen.accumulate, ema, lossD, lossDReal,
        lossDFake, lossG, d.gradNorm, gen.gradNorm);
  }

  private record Update(Op op, Op accumulate, Operand<TFloat32> gradNorm) {}

  private static Update update(Graph g, Ops root, String scope, Operand<TFloat32> loss,
      List<Output<TFloat32>> variables, AdamConfig config, int accumulation) {
    checkArgument(accumulation >= 1, "accumulation must be >= 1, got %s", accumulation);
    checkArgument(!variables.isEmpty(), "%s: no variables to train", scope);
    Output<?>[] grads = g.addGradients("gradients_" + scope, new Output<?>[] {loss.asOutput()},
        variables.toArray(new Output<?>[0]), null);
    Ops tf = root.withSubScope(scope);
    List<GradAndVar> pairs = new ArrayList<>();
    for (int i = 0; i < grads.length; i++) {
      @SuppressWarnings("unchecked")
      Operand<TFloat32> grad = (Operand<TFloat32>) grads[i];
      pairs.add(new GradAndVar(grad, variables.get(i)));
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
    Operand<TFloat32> norm = tf.withName("grad_norm").math.sqrt(tf.math.addN(squares));
    Adam adam = new Adam(tf, config.getLearningRate(), config.getBeta1(), config.getBeta2(),
        config.getEpsilon());
    if (accumulated == null) {
      return new Update(adam.applyGradients(pairs, UPDATE_OP), null, norm);
    }
    Op apply = adam.applyGradients(applied, "apply");
    return new Update(accumulated.resetAfter(apply, UPDATE_OP), accumulated.accumulate(), norm);
  }

  private static Operand<TFloat32> mean(Ops tf, String name, List<Tower> towers,
      Function<Tower, Operand<TFloat32>> part) {
    List<Operand<TFloat32>> parts = new ArrayList<>();
    for (Tower t : towers) {
      parts.add(part.apply(t));
    }
    return tf.withName(name).math.div(tf.math.addN(parts), tf.constant((float) parts.size()));
  }
}
