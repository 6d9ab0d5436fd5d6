package io.vidgan.ops.io;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
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
import org.tensorflow.types.TString;

/**
 * Saves and restores a chosen set of a graph's {@code VariableV2} variables as a TF checkpoint
 * (V2, the format and tensor names of {@code Session.save}: each variable under its op name),
 * where {@code Session.save} and {@code Session.restore} take every variable of the graph.
 *
 * <p>One {@code SaveV2} is built once, on a prefix fed at run time; restoring is a {@link
 * CheckpointRestorer} of each variable from the tensor of its own name. Restoring reads only this
 * saver's tensors, so a checkpoint holding more (one written with more variables) restores too;
 * before running, {@link #restore} checks the checkpoint's index and fails with one message naming
 * every missing tensor.
 */
public final class VariableSaver {
  /** The scope the ops are built under. */
  public static final String SCOPE = "variable_saver";

  private final List<String> names;
  private final Placeholder<TString> prefix;
  private final Op save;
  private final CheckpointRestorer restorer;

  /**
   * @param tf where to add the ops (their names go under {@link #SCOPE}), e.g. on the variables'
   *     device
   * @param variables {@code VariableV2} outputs of any dtype
   */
  public VariableSaver(Ops tf, List<Output<?>> variables) {
    checkArgument(!variables.isEmpty(), "nothing to save: no variables");
    Ops t = tf.withSubScope(SCOPE);
    Map<String, Output<?>> byName = new LinkedHashMap<>();
    for (Output<?> v : variables) {
      checkArgument(v.op().type().equals(Variable.OP_NAME), "%s is a %s, not a VariableV2",
          v.op().name(), v.op().type());
      byName.put(v.op().name(), v);
    }
    this.names = List.copyOf(byName.keySet());
    this.prefix = t.withName("prefix").placeholder(TString.class,
        Placeholder.shape(Shape.scalar()));
    this.save = t.withName("save").train.save(prefix, CheckpointRestorer.strings(t, names),
        CheckpointRestorer.strings(t, Collections.nCopies(names.size(), "")),
        new ArrayList<Operand<?>>(variables));
    this.restorer = new CheckpointRestorer(t, byName);
  }

  /** The checkpoint tensor names, one per variable, in order. */
  public List<String> names() {
    return names;
  }

  /** Writes the variables to {@code checkpointPrefix}{@code .index} and {@code .data-*}. */
  public void save(Session session, String checkpointPrefix) {
    try (TString p = TString.scalarOf(checkpointPrefix)) {
      session.runner().feed(prefix, p).addTarget(save).run();
    }
  }

  /**
   * Assigns every variable its tensor in {@code checkpointPrefix}, which may hold others too.
   *
   * @throws CheckpointException naming every tensor the checkpoint lacks (or holds with another
   *     dtype or size)
   */
  public void restore(Session session, String checkpointPrefix) throws IOException {
    restorer.restore(session, checkpointPrefix);
  }
}
