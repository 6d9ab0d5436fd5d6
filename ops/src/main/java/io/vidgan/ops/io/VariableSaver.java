package io.vidgan.ops.io;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.train.Restore;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * Saves and restores a chosen set of a graph's {@code VariableV2} variables as a TF checkpoint
 * (V2, the format and tensor names of {@code Session.save}: each variable under its op name),
 * where {@code Session.save} and {@code Session.restore} take every variable of the graph.
 *
 * <p>One {@code SaveV2} and one {@code RestoreV2} (then an {@code Assign} per variable) are built
 * once, on a prefix fed at run time. Restoring reads only this saver's tensors, so a checkpoint
 * holding more (one written with more variables) restores too; before running, {@link #restore}
 * checks the checkpoint's index and fails with one message naming every missing tensor.
 */
public final class VariableSaver {
  /** The scope the ops are built under. */
  public static final String SCOPE = "variable_saver";

  private final List<String> names;
  private final Placeholder<TString> prefix;
  private final Op save;
  private final Op restore;

  /**
   * @param tf where to add the ops (their names go under {@link #SCOPE}), e.g. on the variables'
   *     device
   * @param variables {@code VariableV2} outputs of any dtype
   */
  public VariableSaver(Ops tf, List<Output<?>> variables) {
    checkArgument(!variables.isEmpty(), "nothing to save: no variables");
    Ops t = tf.withSubScope(SCOPE);
    List<String> byName = new ArrayList<>();
    List<Class<? extends TType>> types = new ArrayList<>();
    for (Output<?> v : variables) {
      checkArgument(v.op().type().equals(Variable.OP_NAME), "%s is a %s, not a VariableV2",
          v.op().name(), v.op().type());
      byName.add(v.op().name());
      types.add(v.type());
    }
    this.names = List.copyOf(byName);
    this.prefix = t.withName("prefix").placeholder(TString.class,
        Placeholder.shape(Shape.scalar()));
    Operand<TString> tensorNames = strings(t, names);
    Operand<TString> slices = strings(t, Collections.nCopies(names.size(), ""));
    this.save = t.withName("save").train.save(prefix, tensorNames, slices,
        new ArrayList<Operand<?>>(variables));
    Restore read = t.train.restore(prefix, tensorNames, slices, types);
    List<Op> assigns = new ArrayList<>();
    for (int i = 0; i < variables.size(); i++) {
      assigns.add(t.assign(operand(variables.get(i)), operand(read.tensors().get(i))));
    }
    this.restore = t.withControlDependencies(assigns).withName("restore").noOp();
  }

  @SuppressWarnings("unchecked")
  private static <T extends TType> Operand<T> operand(Output<?> o) {
    return (Operand<T>) o;
  }

  private static Operand<TString> strings(Ops tf, List<String> values) {
    return tf.constant(StandardCharsets.UTF_8, values.toArray(String[]::new));
  }

  /** The checkpoint tensor names, one per variable, in order. */
  public List<String> names() {
    return names;
  }

  /** Writes the variables to {@code checkpointPrefix}{@code .index} and {@code .data-*}. */
  public void save(Session session, String checkpointPrefix) {
    run(session, save, checkpointPrefix);
  }

  /**
   * Assigns every variable its tensor in {@code checkpointPrefix}, which may hold others too.
   *
   * @throws CheckpointException naming every tensor the checkpoint lacks
   */
  public void restore(Session session, String checkpointPrefix) throws IOException {
    CheckpointIndex index = CheckpointIndex.read(checkpointPrefix);
    List<String> missing = names.stream().filter(n -> index.find(n).isEmpty()).toList();
    if (!missing.isEmpty()) {
      throw new CheckpointException("checkpoint " + checkpointPrefix + " has no tensor "
          + String.join(", ", missing.subList(0, Math.min(10, missing.size())))
          + (missing.size() > 10 ? ", ... (" + missing.size() + " missing)" : ""));
    }
    run(session, restore, checkpointPrefix);
  }

  private void run(Session session, Op target, String checkpointPrefix) {
    try (TString p = TString.scalarOf(checkpointPrefix)) {
      session.runner().feed(prefix, p).addTarget(target).run();
    }
  }
}
