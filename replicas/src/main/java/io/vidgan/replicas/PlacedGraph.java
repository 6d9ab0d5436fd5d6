package io.vidgan.replicas;

import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.types.family.TType;

/**
 * Finds in a training graph as placed ({@link TrainingGraph}: built in one graph, then its
 * GraphDef placed and imported into another) the ops and operands built in the first, by their
 * names, which the import keeps: what the trainer runs is typed, and must live in the graph its
 * session runs.
 */
final class PlacedGraph {
  private final Graph placed;

  PlacedGraph(Graph placed) {
    this.placed = placed;
  }

  /** The placed op that {@code built} became. */
  GraphOperation op(Op built) {
    return op(built.op().name());
  }

  /** The placed op that {@code built} became. */
  GraphOperation op(Operation built) {
    return op(built.name());
  }

  private GraphOperation op(String name) {
    GraphOperation op = placed.operation(name);
    if (op == null) {
      throw new IllegalStateException("the placed training graph has no op " + name);
    }
    return op;
  }

  /** The placed output that {@code built} became. */
  <T extends TType> Operand<T> output(Operand<T> built) {
    Output<T> out = built.asOutput();
    return op(out.op().name()).output(out.index());
  }
}
