package io.vidgan.graphs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.graphs.config.Presets;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.BuildMode;
import io.vidgan.ops.LayerFactory;
import io.vidgan.ops.Scopes;
import io.vidgan.ops.testing.TfRun;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/** Output shapes of D_S, D_T, D_M, and D_M's dependence on the pair. */
class DiscriminatorsTest {
  @Test
  void scoresPerFrameAndMatchingSeesThePair() throws Exception {
    StageConfig c = Presets.load("tiny/sres");
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      LayerFactory f = new LayerFactory(tf.withSubScope("sres"), BuildMode.inference(), 1L, true);
      SpatialDiscriminator spatial = new SpatialDiscriminator(f, c);
      TemporalDiscriminator temporal = new TemporalDiscriminator(f, c);
      MatchingDiscriminator matching = new MatchingDiscriminator(f, c);
      Placeholder<TFloat32> high = tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(2, 4, 16, 16, 3)));
      Placeholder<TFloat32> low = tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(2, 2, 8, 8, 3)));
      Operand<TInt32> labels = tf.constant(new int[] {2, 0});
      Operand<TInt32> frames = tf.constant(new int[][] {{0, 3}, {2, 1}});
      assertArrayEquals(new long[] {2, 2},
          spatial.apply(tf, high, frames, labels).shape().asArray());
      assertArrayEquals(new long[] {2, 4}, temporal.apply(tf, high, labels).shape().asArray());
      Operand<TFloat32> m = matching.apply(tf, low, high, labels);
      assertArrayEquals(new long[] {2, 2}, m.shape().asArray());
      float[] h = TfRun.gaussian((int) high.shape().size(), 3);
      float[] l = TfRun.gaussian((int) low.shape().size(), 4);
      // Swap the two videos' low-res windows: each pair changes, so D_M's scores must.
      int n = l.length / 2;
      float[] swapped = new float[l.length];
      System.arraycopy(l, n, swapped, 0, n);
      System.arraycopy(l, 0, swapped, n, n);
      float[] before = TfRun.fetch(s, m, Map.of(high, h, low, l));
      float[] after = TfRun.fetch(s, m, Map.of(high, h, low, swapped));
      assertTrue(TfRun.maxAbsDiff(before, after) > 1e-5, Arrays.toString(before));
    }
  }
}
