package io.vidgan.bench;

import java.util.ArrayDeque;
import java.util.Collection;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * Floating-point operations of one run of a graph, counted from the static shapes of its
 * convolutions and matrix products.
 *
 * <p>Counting rule: every node in the run's closure (the targets and, transitively, all their
 * data and control inputs) whose op is a convolution or a matrix product counts 2 FLOPs per
 * multiply-add; everything else (element-wise ops, reductions, batch norm, Adam) counts 0. Backward
 * passes are counted from the gradient ops actually in the graph, not as a multiple of the forward
 * pass:
 * <ul>
 *   <li>{@code Conv2D}, {@code Conv3D}: {@code 2 * |output| * (kernel volume * C_in)};
 *   <li>{@code Conv2DBackpropInput}, {@code Conv3DBackpropInputV2}: {@code 2 * |dy| * (kernel
 *       volume * C_in)} (the forward cost);
 *   <li>{@code Conv2DBackpropFilter}, {@code Conv3DBackpropFilterV2}: {@code 2 * |dy| * (kernel
 *       volume * C_in)}, the kernel shape read from the op's output;
 *   <li>{@code MatMul}: {@code 2 * |output| * K}; {@code BatchMatMul*}: the same with K the
 *       contracted dimension of the first operand.
 * </ul>
 * Nodes whose shapes are not fully static are skipped and counted in {@link Count#unknown()}.
 */
public final class FlopCounter {
  private FlopCounter() {}

  /**
   * @param flops total FLOPs of one run
   * @param byOpType FLOPs per op type, sorted by type
   * @param unknown counted op types skipped because a shape was not static
   */
  public record Count(long flops, Map<String, Long> byOpType, int unknown) {}

  /** FLOPs of one run of {@code targets} (node names) in {@code graph}. */
  public static Count count(Graph graph, Collection<String> targets) {
    GraphDef def = graph.toGraphDef();
    Map<String, NodeDef> nodes = new HashMap<>();
    def.getNodeList().forEach(n -> nodes.put(n.getName(), n));
    Map<String, Long> byType = new TreeMap<>();
    long total = 0;
    int unknown = 0;
    for (String name : closure(nodes, targets)) {
      NodeDef node = nodes.get(name);
      if (!counted(node.getOp())) {
        continue;
      }
      long flops = flops(graph, node);
      if (flops < 0) {
        unknown++;
      } else {
        total += flops;
        byType.merge(node.getOp(), flops, Long::sum);
      }
    }
    return new Count(total, byType, unknown);
  }

  static boolean counted(String op) {
    return op.startsWith("Conv2D") || op.startsWith("Conv3D") || op.equals("MatMul")
        || op.startsWith("BatchMatMul");
  }

  private static Set<String> closure(Map<String, NodeDef> nodes, Collection<String> targets) {
    Set<String> seen = new HashSet<>();
    Deque<String> todo = new ArrayDeque<>(targets);
    while (!todo.isEmpty()) {
      String name = todo.pop();
      NodeDef node = nodes.get(name);
      if (node == null) {
        throw new IllegalArgumentException("no node named " + name + " in the graph");
      }
      if (seen.add(name)) {
        for (String input : node.getInputList()) {
          todo.push(nodeName(input));
        }
      }
    }
    return seen;
  }

  /** {@code ^a} (control input) and {@code a:1} (second output) both name node {@code a}. */
  static String nodeName(String input) {
    String s = input.startsWith("^") ? input.substring(1) : input;
    int colon = s.lastIndexOf(':');
    return colon < 0 ? s : s.substring(0, colon);
  }

  /** FLOPs of one node, or -1 if a shape it needs is not static. */
  private static long flops(Graph graph, NodeDef node) {
    String op = node.getOp();
    if (op.equals("Conv2D") || op.equals("Conv3D")) {
      return twice(size(shape(graph, node, -1)), fanIn(shape(graph, node, 1)));
    }
    if (op.startsWith("Conv2DBackpropInput") || op.startsWith("Conv3DBackpropInput")) {
      return twice(size(shape(graph, node, 2)), fanIn(shape(graph, node, 1)));
    }
    if (op.startsWith("Conv2DBackpropFilter") || op.startsWith("Conv3DBackpropFilter")) {
      return twice(size(shape(graph, node, 2)), fanIn(shape(graph, node, -1)));
    }
    Shape a = shape(graph, node, 0);
    if (a.isUnknown() || a.numDimensions() < 2) {
      return -1;
    }
    int rank = a.numDimensions();
    boolean transposed = op.equals("MatMul") ? attr(node, "transpose_a") : attr(node, "adj_x");
    long k = op.equals("MatMul") ? a.get(transposed ? 0 : 1) : a.get(transposed ? rank - 2
        : rank - 1);
    return twice(size(shape(graph, node, -1)), k);
  }

  /** {@code 2ab}: one multiply and one add per product; -1 if either is unknown (-1). */
  private static long twice(long a, long b) {
    return a < 0 || b < 0 ? -1 : 2 * a * b;
  }

  /** Kernel volume times input channels: all but the last dimension of a kernel shape. */
  private static long fanIn(Shape kernel) {
    if (kernel.isUnknown() || kernel.hasUnknownDimension()) {
      return -1;
    }
    long n = 1;
    for (int i = 0; i < kernel.numDimensions() - 1; i++) {
      n *= kernel.get(i);
    }
    return n;
  }

  private static long size(Shape s) {
    return s.isUnknown() || s.hasUnknownDimension() ? -1 : s.size();
  }

  /** Shape of input {@code i} of {@code node}, or of its first output for {@code i = -1}. */
  private static Shape shape(Graph graph, NodeDef node, int i) {
    if (i < 0) {
      return ((GraphOperation) graph.operation(node.getName())).output(0).shape();
    }
    String input = node.getInput(i);
    int colon = input.lastIndexOf(':');
    int index = colon < 0 ? 0 : Integer.parseInt(input.substring(colon + 1));
    return ((GraphOperation) graph.operation(nodeName(input))).output(index).shape();
  }

  private static boolean attr(NodeDef node, String name) {
    return node.containsAttr(name) && node.getAttrOrThrow(name).getB();
  }
}
