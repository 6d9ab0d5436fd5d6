package io.vidgan.ops;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vidgan.ops.testing.GradientCheck;
import io.vidgan.ops.testing.JavaReference;
import io.vidgan.ops.testing.Closeness;
import io.vidgan.ops.testing.TfRun;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * Generator and discriminator residual blocks, and the convolutions they are built from. Gradient
 * checks run without spectral norm: its gradient treats u and v as constants (Miyato et al.), which
 * is the true derivative only once the power iteration has converged.
 */
class ResidualBlocksTest {
  private static ConvFactory conv(String kind) {
    return switch (kind) {
      case "2d" -> ConvFactory.FRAME_2D;
      case "3d" -> ConvFactory.FULL_3D;
      default -> ConvFactory.SEPARABLE_3D;
    };
  }

  @ParameterizedTest(name = "G {0} {1}->{2} {3}")
  @CsvSource({"2d, 4, 4, NONE", "2d, 4, 2, UP", "sep, 3, 5, UP", "3d, 2, 2, NONE"})
  void generatorBlockShapesAndGradients(String kind, int in, int out, SpatialResample resample) {
    boolean up = resample == SpatialResample.UP;
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      LayerFactory f = new LayerFactory(tf, BuildMode.train(), 3L, false);
      GeneratorBlock block = new GeneratorBlock(f, "gblock_0",
          new BlockSpec(in, out, conv(kind), resample), 4, 3);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(2, 3, 4, 4, in)));
      Operand<TFloat32> cond = tf.constant(new float[][] {{1, 0, -1, .5f}, {0, 2, 0, -1}});
      Operand<TFloat32> y = block.apply(tf, x, cond);
      int size = up ? 8 : 4;
      assertArrayEquals(new long[] {2, 3, size, size, out}, y.shape().asArray());
      assertEquals(in != out || up, g.operation("gblock_0/conv_sc/kernel") != null,
          "learnable shortcut exactly when width or resolution changes");
      float[] x0 = TfRun.gaussian(2 * 3 * 16 * in, 1);
      GradientCheck.assertInputGradient(g, s, x, x0, y, 2e-2);
    }
  }

  @ParameterizedTest(name = "D {0} {1}->{2} pre={3} {4}")
  @CsvSource({"2d, 3, 4, false, DOWN", "2d, 4, 4, true, NONE", "3d, 2, 3, true, DOWN",
      "3d, 3, 3, true, NONE"})
  void discriminatorBlockShapesAndGradients(String kind, int in, int out, boolean pre,
      SpatialResample resample) {
    boolean down = resample == SpatialResample.DOWN;
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      LayerFactory f = new LayerFactory(tf, BuildMode.train(), 3L, false);
      DiscriminatorBlock block = new DiscriminatorBlock(f, "dblock_0",
          new BlockSpec(in, out, conv(kind), resample), pre);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(2, 3, 4, 4, in)));
      Operand<TFloat32> y = block.apply(tf, x);
      int size = down ? 2 : 4;
      assertArrayEquals(new long[] {2, 3, size, size, out}, y.shape().asArray());
      if (in == out && !down) {
        assertNull(g.operation("dblock_0/conv_sc/kernel"));
      }
      float[] x0 = TfRun.gaussian(2 * 3 * 16 * in, 4);
      GradientCheck.assertInputGradient(g, s, x, x0, y, 2e-2);
      GradientCheck.assertVariableGradient(g, s, "dblock_0/conv_0/kernel", y, Map.of(x, x0), 0.1);
    }
  }

  @Test
  void discriminatorBlockMatchesPlainJava() {
    int b = 1;
    int t = 2;
    int h = 4;
    int w = 4;
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      LayerFactory f = new LayerFactory(tf, BuildMode.train(), 3L, false);
      DiscriminatorBlock block = new DiscriminatorBlock(f, "d",
          new BlockSpec(2, 3, ConvFactory.FULL_3D, SpatialResample.NONE), true);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(b, t, h, w, 2)));
      Operand<TFloat32> y = block.apply(tf, x);
      float[] x0 = TfRun.gaussian(b * t * h * w * 2, 7);
      float[] hid = JavaReference.relu(JavaReference.conv3d(JavaReference.relu(x0), b, t, h, w, 2,
          TfRun.fetch(s, "d/conv_0/kernel"), 3, 3, 3, 3, TfRun.fetch(s, "d/conv_0/bias")));
      float[] main = JavaReference.conv3d(hid, b, t, h, w, 3, TfRun.fetch(s, "d/conv_1/kernel"),
          3, 3, 3, 3, TfRun.fetch(s, "d/conv_1/bias"));
      float[] skip = JavaReference.conv3d(x0, b, t, h, w, 2, TfRun.fetch(s, "d/conv_sc/kernel"),
          1, 1, 1, 3, TfRun.fetch(s, "d/conv_sc/bias"));
      float[] want = JavaReference.add(main, skip);
      // Two chained 3x3x3 convolutions of at most 3 channels, on inputs up to max |x|.
      Closeness.sums(2, 27 * 3, Closeness.magnitude(x0))
          .assertClose(want, TfRun.fetch(s, y, Map.of(x, x0)), "block output");
    }
  }

  @Test
  void separableConvIsTemporalThenSpatial() {
    int b = 2;
    int t = 4;
    int h = 3;
    int w = 3;
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      LayerFactory f = new LayerFactory(tf, BuildMode.train(), 3L, false);
      SeparableConv3d conv = new SeparableConv3d(f, "sep", 2, 3);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(b, t, h, w, 2)));
      Operand<TFloat32> y = conv.apply(tf, x);
      float[] x0 = TfRun.gaussian(b * t * h * w * 2, 9);
      float[] mid = JavaReference.conv3d(x0, b, t, h, w, 2, TfRun.fetch(s, "sep/temporal/kernel"),
          3, 1, 1, 3, TfRun.fetch(s, "sep/temporal/bias"));
      float[] want = JavaReference.conv3d(mid, b, t, h, w, 3, TfRun.fetch(s, "sep/spatial/kernel"),
          1, 3, 3, 3, TfRun.fetch(s, "sep/spatial/bias"));
      // A 3-tap temporal convolution of 2 channels, then a 3x3 spatial one of 3 channels.
      Closeness.sums(2, 9 * 3, Closeness.magnitude(x0))
          .assertClose(want, TfRun.fetch(s, y, Map.of(x, x0)), "separable output");
      GradientCheck.assertVariableGradient(g, s, "sep/temporal/kernel", y, Map.of(x, x0), 5e-3);
    }
  }
}
