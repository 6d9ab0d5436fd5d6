package io.vidgan.graphs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.vidgan.graphs.config.Presets;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.graphs.config.VideoShape;
import io.vidgan.ops.BuildMode;
import io.vidgan.ops.Scopes;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** Every preset builds (as a graph only: nothing is allocated) with the shapes its config says. */
class PresetShapesTest {
  @ParameterizedTest
  @ValueSource(strings = {"paper/kinetics_lres", "paper/kinetics_sres", "paper/bdd_lres",
      "paper/bdd_sres1", "paper/bdd_sres2", "paper/dvdgan_64", "paper/dvdgan_128", "small/lres",
      "small/sres", "small/flat"})
  void towerShapes(String preset) throws Exception {
    StageConfig c = Presets.load(preset);
    VideoShape v = c.getVideo();
    int b = 2;
    try (Graph g = new Graph()) {
      Ops tf = Scopes.root(g);
      Stage stage = Stages.create(tf, c, BuildMode.train());
      Placeholder<TFloat32> real = tf.placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(b, v.getFrames(), v.getHeight(), v.getWidth(), 3)));
      Placeholder<TInt32> labels = c.getNumClasses() > 0
          ? tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(b))) : null;
      Placeholder<TFloat32> low = null;
      if (c.getKind() == StageConfig.Kind.SUPER_RES) {
        VideoShape l = StageConfigs.lowResShape(c);
        low = tf.placeholder(TFloat32.class, Placeholder.shape(
            Shape.of(b, l.getFrames(), l.getHeight(), l.getWidth(), 3)));
      }
      Placeholder<TInt64> seed = tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
      Tower tower = stage.tower(tf, new TowerInputs(real, labels, low, seed, 0, 1));
      assertArrayEquals(real.shape().asArray(), tower.fake().shape().asArray(), "fake videos");
      assertArrayEquals(new long[0], tower.discriminatorLoss().total().shape().asArray());
      assertArrayEquals(new long[0], tower.generatorLoss().shape().asArray());
    }
  }
}
