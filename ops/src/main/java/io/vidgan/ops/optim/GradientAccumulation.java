package io.vidgan.ops.optim;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Gradient accumulation over {@code k} micro-batches, as BigGAN's {@code num_D_accumulations} /
 * {@code num_G_accumulations}: one optimizer step uses the mean gradient of {@code k} micro-batches,
 * so an effective batch larger than memory allows trains with the same update rule.
 *
 * <p>Every variable gets a zero slot {@code <var>-accum} under the optimizer's scope. The first
 * {@code k - 1} micro-batches of a step run {@link #accumulate()} (slot += g / k); the last one
 * runs the optimizer on {@link #gradients()} (slot + g / k), so a step costs {@code k} runs, not
 * {@code k + 1}; {@link #resetAfter} zeroes the slots once the update has read them. Batch-norm
 * statistics stay those of each micro-batch, as in BigGAN.
 */
public final class GradientAccumulation {
  public static final String SLOT = "accum";
  public static final String ACCUMULATE_OP = "accumulate";

  private final Ops tf;
  private final List<Variable<TFloat32>> slots = new ArrayList<>();
  private final List<GradAndVar> gradients = new ArrayList<>();
  private final Op accumulate;

  /**
   * @param tf the optimizer's scope ({@code G_adam}, {@code D_adam}), on the parameter device
   * @param micro the gradients of one micro-batch
   * @param steps micro-batches per optimizer step, at least 2
   */
  public GradientAccumulation(Ops tf, List<GradAndVar> micro, int steps) {
    checkArgument(steps >= 2, "accumulation needs at least 2 micro-batches, got %s", steps);
    this.tf = tf;
    Operand<TFloat32> scale = tf.constant(1f / steps);
    List<Op> adds = new ArrayList<>();
    for (GradAndVar gv : micro) {
      Variable<TFloat32> slot = Slots.create(tf, gv.variable(), SLOT, 0f);
      Operand<TFloat32> scaled = tf.math.mul(gv.gradient(), scale);
      slots.add(slot);
      adds.add(tf.assignAdd(slot, scaled));
      gradients.add(new GradAndVar(tf.math.add(slot, scaled), gv.variable()));
    }
    accumulate = tf.withControlDependencies(adds).withName(ACCUMULATE_OP).noOp();
  }

  /** Adds one micro-batch's gradient (divided by {@code k}) to the slots. */
  public Op accumulate() {
    return accumulate;
  }

  /** The step's mean gradient, completed with the current micro-batch's. */
  public List<GradAndVar> gradients() {
    return List.copyOf(gradients);
  }

  /** An op named {@code name} that runs {@code update}, then zeroes the slots. */
  public Op resetAfter(Op update, String name) {
    Ops after = tf.withControlDependencies(List.of(update));
    List<Op> resets = new ArrayList<>();
    for (Variable<TFloat32> slot : slots) {
      resets.add(after.assign(slot, after.fill(after.constant(slot.shape().asArray()),
          after.constant(0f))));
    }
    return tf.withControlDependencies(resets).withName(name).noOp();
  }
}
