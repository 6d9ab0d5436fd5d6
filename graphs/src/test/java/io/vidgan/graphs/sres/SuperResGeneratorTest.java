package io.vidgan.graphs.sres;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.graphs.config.Presets;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.graphs.config.VideoShape;
import io.vidgan.ops.BuildMode;
import io.vidgan.ops.LayerFactory;
import io.vidgan.ops.Scopes;
import io.vidgan.ops.testing.Closeness;
import io.vidgan.ops.testing.TfRun;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/**
 * The super-resolution generator uses its low-res input, through every eligible residual, and is
 * convolutional in time with exactly its stated temporal radius.
 */
class SuperResGeneratorTest {
  /**
   * A clip of any length (unknown until run time), cut by its first low-res frame: output frames
   * farther than {@code temporalRadius} from the cut equal those of the whole clip (the zero
   * padding at the cut reaches no further); nearer ones differ.
   */
  @Test
  void aCutReachesNoFartherThanTheTemporalRadius() throws Exception {
    StageConfig c = Presets.load("tiny/sres");
    VideoShape low = StageConfigs.lowResShape(c);
    int frames = 9;
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      SuperResGenerator gen = new SuperResGenerator(
          new LayerFactory(tf.withSubScope("sres"), BuildMode.inference(), 1L, true), c);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(
          Shape.of(1, -1, low.getHeight(), low.getWidth(), 3)));
      Operand<TFloat32> y = gen.apply(tf, x, tf.constant(new float[1][c.getLatentDim()]),
          tf.constant(new int[] {0}));
      assertArrayEquals(new long[] {-1, -1, 16, 16, 3}, y.shape().asArray());
      int lowFrame = low.getHeight() * low.getWidth() * 3;
      float[] whole = TfRun.gaussian(frames * lowFrame, 3);
      float[] cut = Arrays.copyOfRange(whole, lowFrame, whole.length);
      float[] yw = run(s, x, y, Shape.of(1, frames, low.getHeight(), low.getWidth(), 3), whole);
      float[] yc = run(s, x, y, Shape.of(1, frames - 1, low.getHeight(), low.getWidth(), 3), cut);
      int factor = c.getLowRes().getTimeFactor();
      int radius = gen.temporalRadius();
      assertEquals(4, radius, "two separable blocks, two temporal convolutions each");
      int highFrame = yc.length / ((frames - 1) * factor);
      // the two runs differ only in the order of their sums (kernels picked by input length)
      Closeness rounding = Closeness.forward(g, "sres", 1);
      double nearest = 0;
      for (int j = 0; j < (frames - 1) * factor; j++) {
        float[] a = Arrays.copyOfRange(yw, (j + factor) * highFrame, (j + factor + 1) * highFrame);
        float[] b = Arrays.copyOfRange(yc, j * highFrame, (j + 1) * highFrame);
        if (j >= radius) {
          rounding.assertClose(a, b, "frame " + j + " after the cut");
        } else {
          nearest = Math.max(nearest, rounding.excess(a, b));
        }
      }
      assertTrue(nearest > 1, "the cut changes the frames next to it by more than rounding: "
          + nearest + " times the bound");
    }
  }

  private static float[] run(Session s, Placeholder<TFloat32> x, Operand<TFloat32> y, Shape shape,
      float[] values) {
    try (TFloat32 in = TfRun.tensor(shape, values);
        Result out = s.runner().feed(x, in).fetch(y).run()) {
      return TfRun.values(out.get(0));
    }
  }

  @Test
  void changingTheLowResWindowChangesTheOutput() throws Exception {
    StageConfig c = Presets.load("tiny/sres");
    VideoShape low = StageConfigs.lowResShape(c);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      SuperResGenerator gen = new SuperResGenerator(
          new LayerFactory(tf.withSubScope("sres"), BuildMode.inference(), 1L, true), c);
      Placeholder<TFloat32> x = tf.placeholder(TFloat32.class, Placeholder.shape(
          Shape.of(2, low.getFrames(), low.getHeight(), low.getWidth(), 3)));
      Operand<TFloat32> z = tf.constant(new float[2][c.getLatentDim()]);
      Operand<TFloat32> y = gen.apply(tf, x, z, tf.constant(new int[] {0, 1}));
      assertArrayEquals(new long[] {2, 4, 16, 16, 3}, y.shape().asArray());
      float[] a = TfRun.gaussian((int) x.shape().size(), 1);
      float[] b = a.clone();
      b[0] += 1f;
      float[] ya = TfRun.fetch(s, y, Map.of(x, a));
      float[] yb = TfRun.fetch(s, y, Map.of(x, b));
      assertTrue(TfRun.maxAbsDiff(ya, yb) > 1e-4, "output ignores the low-res window");
      // Only the first video's window changed: the second video's output must not.
      int half = ya.length / 2;
      Closeness.forward(g, "sres", 1).assertClose(Arrays.copyOfRange(ya, half, ya.length),
          Arrays.copyOfRange(yb, half, yb.length), "the second video's output");
      for (int k = 0; k <= 4; k++) {
        assertTrue(g.operation("sres/generator/lowres_" + k + "/kernel") != null,
            "residual after block " + k);
      }
    }
  }
}
