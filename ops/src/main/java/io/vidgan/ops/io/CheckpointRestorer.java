package io.vidgan.ops.io;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.Restore;
import org.tensorflow.proto.DataType;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Restores variables of any dtype from checkpoint tensors chosen by name, so a graph can load
 * weights saved under other names (a published checkpoint, EMA copies, another scope) or under
 * their own ({@link VariableSaver}).
 *
 * <p>The ops are built once: one {@code RestoreV2} reading every listed tensor from a prefix that
 * is fed at run time, then a {@code Reshape} to the variable's shape and an {@code Assign}. The
 * reshape lets a tensor load into a variable of another shape with the same number of elements,
 * e.g. a {@code [1, 1, 1, 1, C]} batch-norm vector into a {@code [C]} variable. Before running,
 * {@link #restore} reads the checkpoint's index and fails with one message listing every missing
 * tensor, wrong dtype or wrong size, instead of TensorFlow's first-error-only message. Tensors the
 * checkpoint holds beyond the listed ones are not read.
 *
 * <pre>{@code
 * CheckpointRestorer r = new CheckpointRestorer(tf, Map.of("ema/generator/conv_0/kernel", kernel));
 * try (Session s = new Session(graph)) { r.restore(s, "runs/x/ckpt-00001000"); ... }
 * }</pre>
 */
public final class CheckpointRestorer {
  /** The scope the restore ops are built under. */
  public static final String SCOPE = "checkpoint_restore";

  /** What one checkpoint tensor must be to load into its variable. */
  private record Expected(String name, DataType dtype, Shape shape) {}

  private final List<Expected> expected;
  private final Placeholder<TString> prefix;
  private final Op restoreAll;

  /**
   * @param tf where to add the ops (their names go under {@link #SCOPE})
   * @param variables checkpoint tensor name -> {@code VariableV2} variable to assign, of any
   *     dtype and a fully known shape
   */
  public CheckpointRestorer(Ops tf, Map<String, ? extends Operand<?>> variables) {
    checkArgument(!variables.isEmpty(), "nothing to restore: the variable map is empty");
    Ops t = tf.withSubScope(SCOPE);
    List<String> names = new ArrayList<>(variables.keySet());
    List<Expected> byName = new ArrayList<>();
    List<Class<? extends TType>> dtypes = new ArrayList<>();
    for (String name : names) {
      Output<?> v = variables.get(name).asOutput();
      checkArgument(v.op().type().equals(Variable.OP_NAME),
          "%s must map to a VariableV2, got %s op %s", name, v.op().type(), v.op().name());
      checkArgument(!v.shape().hasUnknownDimension(), "variable %s has unknown shape %s",
          v.op().name(), v.shape());
      byName.add(new Expected(name, valueType(v.dataType()), v.shape()));
      dtypes.add(v.type());
    }
    this.expected = List.copyOf(byName);
    this.prefix = t.withName("prefix").placeholder(TString.class,
        Placeholder.shape(Shape.scalar()));
    Restore read = t.train.restore(prefix, strings(t, names),
        strings(t, Collections.nCopies(names.size(), "")), dtypes);
    List<Op> assigns = new ArrayList<>();
    for (int i = 0; i < names.size(); i++) {
      Operand<TType> v = operand(variables.get(names.get(i)));
      Operand<TType> value = operand(read.tensors().get(i));
      assigns.add(t.assign(v, t.reshape(value, t.constant(v.shape().asArray()))));
    }
    this.restoreAll = t.withControlDependencies(assigns).withName("restore_all").noOp();
  }

  /**
   * The element type of a variable's reference output ({@code DT_FLOAT_REF} -> {@code DT_FLOAT}):
   * types.proto numbers each reference type 100 above its value type.
   */
  private static DataType valueType(DataType type) {
    return type.getNumber() > 100 ? DataType.forNumber(type.getNumber() - 100) : type;
  }

  @SuppressWarnings("unchecked")
  private static Operand<TType> operand(Operand<?> o) {
    return (Operand<TType>) o;
  }

  static Operand<TString> strings(Ops tf, List<String> values) {
    return tf.constant(StandardCharsets.UTF_8, values.toArray(String[]::new));
  }

  /**
   * Checks that {@code index} has every expected tensor, of its variable's dtype, with as many
   * elements as its variable.
   *
   * @throws CheckpointException naming every tensor that does not fit
   */
  public void check(CheckpointIndex index) throws CheckpointException {
    List<String> problems = new ArrayList<>();
    for (Expected e : expected) {
      CheckpointTensor t = index.find(e.name()).orElse(null);
      if (t == null) {
        problems.add("has no tensor " + e.name());
      } else if (t.dtype() != e.dtype()) {
        problems.add("tensor " + t.name() + " is " + t.dtypeName() + ", expected "
            + CheckpointTensor.typeName(e.dtype()));
      } else if (t.shape().size() != e.shape().size()) {
        problems.add("tensor " + t.name() + ": shape " + t.shape() + " in checkpoint vs "
            + e.shape() + " in graph");
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
