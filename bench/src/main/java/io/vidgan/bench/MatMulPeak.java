package io.vidgan.bench;

import io.vidgan.replicas.devices.Devices;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.types.TFloat32;

/**
 * The reference for hardware efficiency: one large fp32 matrix product ({@code n x n} times
 * {@code n x n}, {@code 2 n^3} FLOPs) run by TF with the single-replica session settings.
 * Operands live in variables, so nothing is fed or folded, and the product is a run target, so
 * nothing is copied out.
 */
final class MatMulPeak implements AutoCloseable {
  static final int SIZE = 2048;

  private final Graph graph = new Graph();
  private final Session session;
  private final MatMul<TFloat32> product;

  /** Builds the product and runs it once (warm-up). */
  MatMulPeak() {
    Ops tf = Ops.create(graph);
    Variable<TFloat32> a = tf.variable(tf.random.randomStandardNormal(
        tf.constant(new long[] {SIZE, SIZE}), TFloat32.class));
    Variable<TFloat32> b = tf.variable(tf.random.randomStandardNormal(
        tf.constant(new long[] {SIZE, SIZE}), TFloat32.class));
    product = tf.linalg.matMul(a, b);
    session = new Session(graph, Devices.local(1, 0).sessionConfig());
    session.initialize();
    run();
  }

  /** One product. */
  void run() {
    session.runner().addTarget(product).run();
  }

  static double flops() {
    return 2.0 * SIZE * SIZE * SIZE;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
