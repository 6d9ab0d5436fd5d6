package io.vidgan.ops.optim;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;
import io.vidgan.ops.Variables;

/**
 * A gradient-based optimizer over an explicit list of variables, in the shape of the TF Java
 * framework's {@code Optimizer} template: a subclass overrides {@link #createSlots}, {@link
 * #prepare}, {@link #applyDense} and {@link #finish}.
 *
 * <p>Unlike the framework class, which differentiates every variable of the graph, the caller
 * computes the gradients and passes the {@link GradAndVar}s: a GAN updates G and D separately.
 * Every state variable lives under the optimizer's scope ({@code G_adam}, {@code D_adam}); a slot
 * of variable {@code a/b/kernel} is {@code <scope>/a/b/kernel-<slot>}.
 *
 * <p>Updates are gated on all gradients ({@code gradients_ready}), like TF1's {@code GATE_GRAPH}:
 * {@code VariableV2} variables are updated in place, and the backward pass of one layer may read
 * another layer's weight (e.g. a batch norm's {@code gamma} when propagating to the layers before
 * it), so without the gate a weight could change while other replicas still differentiate through
 * it. Found as run-to-run differences of 0.1% in G's gradients with 8 replicas.
 */
public abstract class Optimizer {
  private final Ops tf;
  private boolean applied;
  private Optional<Operand<TBool>> when = Optional.empty();

  /**
   * @param tf the scope optimizer state and update ops are created in, e.g. {@code G_adam}; from
   *     {@link io.vidgan.ops.Scopes#root}
   */
  protected Optimizer(Ops tf) {
    this.tf = tf;
  }

  /** The optimizer's own scope. */
  protected final Ops tf() {
    return tf;
  }

  /**
   * Adds the ops applying {@code gradsAndVars} once; returns the op to run per step.
   *
   * @param name name of the returned op
   */
  public final Op applyGradients(List<GradAndVar> gradsAndVars, String name) {
    return apply(gradsAndVars, Optional.empty(), name);
  }

  /**
   * Adds the ops applying {@code gradsAndVars} once when {@code when} is true; when it is false
   * the step is skipped: every variable and every piece of optimizer state keeps its value, and
   * the gradients may be non-finite (dynamic loss scaling's overflow, {@link DynamicLossScale}).
   * The skip is data, not control flow: gradients are replaced by zeros and {@link #prepare}
   * chooses hyper-parameters that make the update the identity.
   */
  public final Op applyGradients(List<GradAndVar> gradsAndVars, Operand<TBool> when,
      String name) {
    return apply(gradsAndVars, Optional.of(when), name);
  }

  private Op apply(List<GradAndVar> gradsAndVars, Optional<Operand<TBool>> when, String name) {
    checkState(!applied, "%s already applied its gradients", getOptimizerName());
    checkArgument(!gradsAndVars.isEmpty(), "no gradients to apply");
    applied = true;
    List<Output<TFloat32>> variables = new ArrayList<>(gradsAndVars.size());
    for (GradAndVar gv : gradsAndVars) {
      variables.add(gv.variable());
    }
    createSlots(variables);
    this.when = when;
    prepare();
    List<Operation> gradients = new ArrayList<>(gradsAndVars.size());
    for (GradAndVar gv : gradsAndVars) {
      gradients.add(gv.gradient().op());
    }
    Ops gated = tf.withControlDependencies(List.of(
        tf.withControlDependencyOps(gradients).withName("gradients_ready").noOp()));
    List<Op> updates = new ArrayList<>(gradsAndVars.size());
    for (GradAndVar gv : gradsAndVars) {
      Operand<TFloat32> g = gv.gradient();
      updates.add(applyDense(gated.identity(when.isEmpty() ? g
          : gated.select(when.get(), g, gated.zerosLike(g))), gv.variable()));
    }
    return finish(updates, name);
  }

  /** Creates the per-variable state (slots). */
  protected abstract void createSlots(List<Output<TFloat32>> variables);

  /**
   * Creates per-step values shared by every variable's update; with a {@link #when} condition,
   * values under which a zero gradient leaves every variable and slot exactly as it is.
   */
  protected abstract void prepare();

  /** The condition of a skippable step ({@link #applyGradients(List, Operand, String)}). */
  protected final Optional<Operand<TBool>> when() {
    return when;
  }

  /** Adds the update of one variable. */
  protected abstract Op applyDense(Operand<TFloat32> gradient,
      Output<TFloat32> variable);

  /** Groups the updates (and any bookkeeping that follows them) into one op named {@code name}. */
  protected Op finish(List<Op> updates, String name) {
    return tf.withControlDependencies(updates).withName(name).noOp();
  }

  public abstract String getOptimizerName();

  /** Creates slot {@code slot} of {@code variable}, initialised to {@code value}. */
  protected final Variable<TFloat32> createSlot(Output<TFloat32> variable, String slot,
      float value) {
    return Slots.create(tf, variable, slot, value);
  }

  /** Creates a scalar state variable directly under the optimizer's scope. */
  protected final Variable<TFloat32> createScalar(String name, float value) {
    return Variables.constant(tf, name, Shape.scalar(), value);
  }
}
