package io.vidgan.graphs;

import java.util.Optional;
import java.util.function.Function;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * A scalar a training step fetches, declared once ({@link TrainingStep}): {@link StageTraining}
 * builds its op under {@code name}, the trainer fetches it with its update, logs it under {@code
 * tag} and stops the run when it must be finite and is not.
 *
 * @param name the op's name in the training graph, e.g. {@code loss/D}
 * @param update the update whose runs fetch it
 * @param tag its TensorBoard summary tag
 * @param mustBeFinite whether a non-finite value stops the run before its checkpoint
 * @param source how the graph computes it
 */
public record StepOutput(String name, Update update, String tag, boolean mustBeFinite,
    Source source) {
  /** How a step output is computed. */
  public sealed interface Source permits TowerMean, GradientNorm, LossScale {}

  /**
   * A quantity of each tower's forward pass, averaged over the towers (they have equal batches,
   * so this is its value on the global batch when it is itself a mean). Every micro-batch has one.
   */
  public record TowerMean(Function<Tower, Operand<TFloat32>> part) implements Source {}

  /**
   * The global norm of the gradient the update applies: of all its variables, or of one
   * network's. Only a run that applies the update has one.
   */
  public record GradientNorm(Optional<Network> network) implements Source {}

  /**
   * The loss scale the update's dynamic loss scaling sets for its next step (runs whose products
   * compute in fp16, {@link io.vidgan.ops.optim.DynamicLossScale}). Only the applying run has
   * one.
   */
  public record LossScale() implements Source {}

  /** A tower mean, fetched with every micro-batch of {@code update}. */
  public static StepOutput towerMean(String name, Update update, String tag, boolean mustBeFinite,
      Function<Tower, Operand<TFloat32>> part) {
    return new StepOutput(name, update, tag, mustBeFinite, new TowerMean(part));
  }

  /** The norm of {@code network}'s gradient, {@code grad_norm/<network>}. */
  public static StepOutput gradientNorm(Network network) {
    String name = "grad_norm/" + network.name();
    return new StepOutput(name, network.update(), name, false,
        new GradientNorm(Optional.of(network)));
  }

  /** Whether every micro-batch has a value (averaged over them), or only the applying run. */
  public boolean perMicroBatch() {
    return source instanceof TowerMean;
  }

  /** The scope of the op, e.g. {@code loss}. */
  String scope() {
    return name.substring(0, name.lastIndexOf('/'));
  }

  /** The op's own name within {@link #scope()}, e.g. {@code D}. */
  String leaf() {
    return name.substring(name.lastIndexOf('/') + 1);
  }
}
