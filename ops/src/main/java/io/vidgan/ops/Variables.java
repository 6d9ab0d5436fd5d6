package io.vidgan.ops;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Creates and finds the model's {@code VariableV2} variables.
 *
 * <p>A variable named {@code kernel} in scope {@code a/b} is the op {@code a/b/kernel}; its initial
 * value is built and assigned under {@code a/b/kernel_init}, in the init scope. (Python TF uses
 * {@code kernel/Initializer}; TF Java's name scopes cannot reuse an op's name as a scope. Only
 * variable names reach checkpoints, so both read the same.)
 *
 * <p>Whether a variable is trained is part of the name contract: the leaves of {@link State} hold
 * state that is updated by running the graph, not by an optimizer. The layers owning such state
 * create it from its {@code State} value, and everything else reads the name back through {@link
 * State#of}, so the leaf names are written here only.
 */
public final class Variables {
  /** Persistent state that running the graph updates and optimizers must not touch. */
  public enum State {
    /** Spectral normalisation's power-iteration vector. */
    SPECTRAL_NORM_U("u"),
    /** Per-frame batch-norm statistics. */
    MOVING_MEAN("moving_mean"),
    MOVING_VARIANCE("moving_variance"),
    /** Passes accumulated by a standing-statistics graph. */
    PASS_COUNT("count");

    private final String leaf;

    State(String leaf) {
      this.leaf = leaf;
    }

    /** The variable's name in its scope. */
    public String leaf() {
      return leaf;
    }

    /** The state {@code variableName} holds, by its leaf; empty for a trained weight. */
    public static Optional<State> of(String variableName) {
      String leaf = variableName.substring(variableName.lastIndexOf('/') + 1);
      for (State s : values()) {
        if (s.leaf.equals(leaf)) {
          return Optional.of(s);
        }
      }
      return Optional.empty();
    }
  }

  private Variables() {}

  /** Creates {@code name} in {@code tf}'s scope, initialised by {@code init}. */
  public static Variable<TFloat32> create(Ops tf, String name, Shape shape, WeightInit init) {
    Ops initTf = tf.withInitScope();
    Variable<TFloat32> variable = initTf.withName(name).variable(shape, TFloat32.class);
    Ops initializer = initTf.withSubScope(name + "_init");
    Operand<TFloat32> value = init.initialValue(initializer, variable.op().name(), shape);
    initializer.assign(variable, value);
    return variable;
  }

  /** Creates {@code state} in {@code tf}'s scope, initialised by {@code init}. */
  public static Variable<TFloat32> create(Ops tf, State state, Shape shape, WeightInit init) {
    return create(tf, state.leaf(), shape, init);
  }

  /** Creates {@code name} in {@code tf}'s scope with every element equal to {@code value}. */
  public static Variable<TFloat32> constant(Ops tf, String name, Shape shape, float value) {
    return create(tf, name, shape, (init, n, s) -> init.fill(init.constant(s.asArray()),
        init.constant(value)));
  }

  /** Creates {@code state} in {@code tf}'s scope with every element equal to {@code value}. */
  public static Variable<TFloat32> constant(Ops tf, State state, Shape shape, float value) {
    return constant(tf, state.leaf(), shape, value);
  }

  /** True if {@code variableName}'s leaf marks it as trained by an optimizer. */
  public static boolean isTrainable(String variableName) {
    return State.of(variableName).isEmpty();
  }

  /**
   * The float variables whose names start with {@code prefix + "/"}, in graph order.
   *
   * @param trainableOnly whether to skip {@link State} variables
   */
  @SuppressWarnings("unchecked")
  public static List<Output<TFloat32>> under(Graph graph, String prefix, boolean trainableOnly) {
    checkArgument(!prefix.isEmpty(), "prefix must not be empty");
    List<Output<TFloat32>> found = new ArrayList<>();
    for (Output<?> v : named(graph, name -> name.startsWith(prefix + "/")
        && (!trainableOnly || isTrainable(name)))) {
      found.add((Output<TFloat32>) v);
    }
    return found;
  }

  /** The {@code VariableV2} outputs of {@code graph} (any type) whose names {@code keep} takes. */
  public static List<Output<?>> named(Graph graph, Predicate<String> keep) {
    List<Output<?>> found = new ArrayList<>();
    for (Iterator<GraphOperation> it = graph.operations(); it.hasNext(); ) {
      GraphOperation op = it.next();
      if (op.type().equals(Variable.OP_NAME) && keep.test(op.name())) {
        found.add(op.output(0));
      }
    }
    return found;
  }

  /** Number of scalars in {@code variables}. */
  public static long parameterCount(List<? extends Operand<?>> variables) {
    long n = 0;
    for (Operand<?> v : variables) {
      n += v.shape().size();
    }
    return n;
  }
}
