package io.vidgan.ops.io;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.Restore;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Restores float variables from checkpoint tensors chosen by name, so a graph can load weights
 * saved under other names (a published checkpoint, EMA copies, another scope).
 *
 * <p>The ops are built once: one {@code RestoreV2} reading every listed tensor from a prefix that
 * is fed at run time, then a {@code Reshape} to the variable's shape and an {@code Assign}. The
 * reshape lets a tensor load into a variable of another shape with the same number of elements,
 * e.g. a {@code [1, 1, 1, 1, C]} batch-norm vector into a {@code [C]} variable. Before running,
 * {@link #restore} reads the checkpoint's index and fails with one message listing every missing
 * tensor, wrong dtype or wrong size, instead of TensorFlow's first-error-only message.
 *
 * <pre>{@code
 * CheckpointRestorer r = new CheckpointRestorer(tf, Map.of("ema/generator/conv_0/kernel", kernel));
 * try (Session s = new Session(graph)) { r.restore(s, "runs/x/ckpt-00001000"); ... }
 * }</pre>
 */
public final class CheckpointRestorer {
  /** The scope the restore ops are built under. */
  public static final String SCOPE = "checkpoint_restore";

  private final Map<String, Shape> shapes;
  private final Placeholder<TString> prefix;
  private final Op restoreAll;

  /**
   * @param tf where to add the ops (their names go under {@link #SCOPE})
   * @param variables checkpoint tensor name -> {@code VariableV2} float variable to assign
   */
  public CheckpointRestorer(Ops tf, Map<String, ? extends Operand<TFloat32>> variables) {
    checkArgument(!variables.isEmpty(), "nothing to restore: the variable map is empty");
    Ops t = tf.withSubScope(SCOPE);
    Map<String, Shape> byName = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(variables.keySet());
    for (String name : names) {
      Operand<TFloat32> v = variables.get(name);
      checkArgument(v.op().type().equals(Variable.OP_NAME),
          "%s must map to a VariableV2, got %s op %s", name, v.op().type(), v.op().name());
      checkArgument(!v.shape().hasUnknownDimension(), "variable %s has unknown shape %s",
          v.op().name(), v.shape());
      byName.put(name, v.shape());
    }
    this.shapes = Collections.unmodifiableMap(byName);
    this.prefix = t.withName("prefix").placeholder(TString.class,
        Placeholder.shape(Shape.scalar()));
    List<Class<? extends TType>> dtypes = Collections.nCopies(names.size(), TFloat32.class);
    Restore read = t.train.restore(prefix, strings(t, names),
        strings(t, Collections.nCopies(names.size(), "")), dtypes);
    List<Op> assigns = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      Operand<TFloat32> v = variables.get(names.get(i));
      @SuppressWarnings("unchecked")
      Operand<TFloat32> value = (Operand<TFloat32>) read.tensors().get(i);
      assigns.add(t.assign(v, t.reshape(value, t.constant(v.shape().asArray()))));
    }
    this.restoreAll = t.withControlDependencies(assigns).withName("restore_all").noOp();
  }

  private static Operand<TString> strings(Ops tf, List<String> values) {
    return tf.constant(StandardCharsets.UTF_8, values.toArray(String[]::new));
  }

  /** Checkpoint tensor name -> shape of the variable it restores into. */
  public Map<String, Shape> expected() {
    return shapes;
  }

  /**
   * Checks that {@code index} has every expected tensor, as float, with as many elements as its
   * variable.
   *
   * @throws CheckpointException naming every tensor that does not fit
   */
  public void check(CheckpointIndex index) throws CheckpointException {
    List<String> problems = new ArrayList<>();
    for (Map.Entry<String, Shape> e : shapes.entrySet()) {
      CheckpointTensor t = index.find(e.getKey()).orElse(null);
      if (t == null) {
        problems.add("has no tensor " + e.getKey());
      } else if (t.dtype() != DataType.DT_FLOAT) {
        problems.add("tensor " + t.name() + " is " + t.dtypeName() + ", expected float");
      } else if (t.shape().size() != e.getValue().size()) {
        problems.add("tensor " + t.name() + ": shape " + t.shape() + " in checkpoint vs "
            + e.getValue() + " in graph");
      }
    }
    if (!problems.isEmpty()) {
      int shown = Math.min(problems.size(), 10);
      throw new CheckpointException("checkpoint " + index.prefix() + " does not fit the graph ("
          + problems.size() + " problems): " + String.join("; ", problems.subList(0, shown))
          + (shown < problems.size() ? "; ..." : ""));
    }
  }

  /**
   * Reads {@code prefix}'s index, {@linkplain #check checks} it, then assigns every variable.
   * Runs the session's pending initializers first (restored values overwrite them).
   */
  public void restore(Session session, String checkpointPrefix) throws IOException {
    check(CheckpointIndex.read(checkpointPrefix));
    try (TString p = TString.scalarOf(checkpointPrefix)) {
      session.runner().feed(prefix, p).addTarget(restoreAll).run();
    }
  }
}
