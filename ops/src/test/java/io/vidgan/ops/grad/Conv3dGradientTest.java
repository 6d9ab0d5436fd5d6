package io.vidgan.ops.grad;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.ops.testing.GradientCheck;
import io.vidgan.ops.testing.TfRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import io.vidgan.ops.Scopes;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.Conv3d;
import org.tensorflow.types.TFloat32;

class Conv3dGradientTest {
  @BeforeAll
  static void register() {
    CustomGradients.register();
  }

  @ParameterizedTest(name = "{0} strides {1}x{2} batch {3} cin {4} cout {5}")
  @CsvSource({
    "SAME, 1, 1, 1, 2, 3",
    "VALID, 1, 1, 1, 3, 2",
    "SAME, 1, 2, 2, 4, 4",
    "SAME, 2, 2, 1, 1, 5",
    "VALID, 2, 1, 2, 2, 1"
  })
  void matchesFiniteDifferences(String padding, long st, long sh, int batch, int cin, int cout) {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      Shape xShape = Shape.of(batch, 5, 6, 6, cin);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(xShape));
      Variable<TFloat32> w = tf.variable(tf.constant(Shape.of(3, 3, 3, cin, cout),
          org.tensorflow.ndarray.buffer.DataBuffers.of(TfRun.gaussian(27 * cin * cout, 7), true,
              false)));
      Operand<TFloat32> y = tf.nn.conv3d(x, w, List.of(1L, st, sh, sh, 1L), padding,
          new Conv3d.Options[0]);
      float[] x0 = TfRun.gaussian((int) xShape.size(), 3);
      GradientCheck.assertInputGradient(g, s, x, x0, y, 2e-3);
      GradientCheck.assertVariableGradient(g, s, w.op().name(), y, Map.of(x, x0), 2e-3);
    }
  }

  @org.junit.jupiter.api.Test
  void stackedLayersBackpropagateThroughBoth() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      Shape xShape = Shape.of(2, 4, 5, 5, 2);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(xShape));
      Variable<TFloat32> w1 = tf.variable(tf.constant(Shape.of(3, 3, 3, 2, 3),
          org.tensorflow.ndarray.buffer.DataBuffers.of(TfRun.gaussian(162, 1), true, false)));
      Variable<TFloat32> w2 = tf.variable(tf.constant(Shape.of(3, 3, 3, 3, 2),
          org.tensorflow.ndarray.buffer.DataBuffers.of(TfRun.gaussian(162, 2), true, false)));
      List<Long> ones = List.of(1L, 1L, 1L, 1L, 1L);
      Operand<TFloat32> h = tf.nn.relu(tf.nn.conv3d(x, w1, ones, "SAME", new Conv3d.Options[0]));
      Operand<TFloat32> y = tf.nn.conv3d(h, w2, ones, "SAME", new Conv3d.Options[0]);
      float[] x0 = TfRun.gaussian((int) xShape.size(), 5);
      GradientCheck.assertVariableGradient(g, s, w1.op().name(), y, Map.of(x, x0), 2e-2);
      GradientCheck.assertInputGradient(g, s, x, x0, y, 2e-2);
    }
  }
}
