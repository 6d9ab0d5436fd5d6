package io.vidgan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

class FlopCounterTest {
  // x [1,4,4,2] * k [3,3,2,3], SAME: 48 outputs, 18 multiply-adds each.
  private static final long CONV = 2L * 48 * 18;
  // a [2,3] x b [3,5]: 10 outputs, 3 multiply-adds each.
  private static final long MATMUL = 2L * 10 * 3;

  @Test
  void countsForwardConvolutionAndMatMulInTheClosureOnly() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Operand<TFloat32> conv = conv(tf);
      Operand<TFloat32> product = tf.withName("product").linalg.matMul(
          placeholder(tf, "a", 2, 3), placeholder(tf, "b", 3, 5));
      tf.withName("unused").linalg.matMul(product, placeholder(tf, "c", 5, 7));
      FlopCounter.Count c = FlopCounter.count(g, List.of(conv.op().name(),
          product.op().name()));
      assertEquals(CONV + MATMUL, c.flops());
      assertEquals(CONV, c.byOpType().get("Conv2D"));
      assertEquals(MATMUL, c.byOpType().get("MatMul"));
      assertEquals(0, c.unknown());
    }
  }

  @Test
  void countsBothBackwardConvolutionsAtTheForwardCost() {
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> x = placeholder(tf, "x", 1, 4, 4, 2);
      Placeholder<TFloat32> k = placeholder(tf, "k", 3, 3, 2, 3);
      Operand<TFloat32> y = tf.nn.conv2d(x, k, List.of(1L, 1L, 1L, 1L), "SAME");
      Output<?>[] grads = g.addGradients(tf.sum(y, tf.constant(new int[] {0, 1, 2, 3})).asOutput(),
          new Output<?>[] {x.asOutput(), k.asOutput()});
      FlopCounter.Count c = FlopCounter.count(g, List.of(grads[0].op().name(),
          grads[1].op().name()));
      assertEquals(CONV, c.byOpType().get("Conv2DBackpropInput"));
      assertEquals(CONV, c.byOpType().get("Conv2DBackpropFilter"));
      assertEquals(3 * CONV, c.flops());
    }
  }

  @Test
  void controlAndIndexedInputsNameTheirNode() {
    assertEquals("a/b", FlopCounter.nodeName("^a/b"));
    assertEquals("a/b", FlopCounter.nodeName("a/b:2"));
    assertEquals("a", FlopCounter.nodeName("a"));
  }

  private static Operand<TFloat32> conv(Ops tf) {
    return tf.withName("conv").nn.conv2d(placeholder(tf, "x", 1, 4, 4, 2),
        placeholder(tf, "k", 3, 3, 2, 3), List.of(1L, 1L, 1L, 1L), "SAME");
  }

  private static Placeholder<TFloat32> placeholder(Ops tf, String name, long... shape) {
    return tf.withName(name).placeholder(TFloat32.class, Placeholder.shape(Shape.of(shape)));
  }
}
