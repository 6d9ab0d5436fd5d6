package io.vidgan.savedmodel;

import io.vidgan.graphs.RunDirectory;
import io.vidgan.graphs.Stage;
import io.vidgan.graphs.Stages;
import io.vidgan.graphs.StageTraining;
import io.vidgan.graphs.Tower;
import io.vidgan.graphs.TowerInputs;
import io.vidgan.graphs.TrainOps;
import io.vidgan.graphs.config.Presets;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.graphs.config.VideoShape;
import io.vidgan.ops.BuildMode;
import io.vidgan.ops.Scopes;
import io.vidgan.ops.io.CheckpointState;
import io.vidgan.ops.testing.TfRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * Run directories laid out like {@code bin/train}'s ({@code config.pbtxt}, {@code checkpoint},
 * {@code ckpt-00000001/variables.*}), holding a real training graph's variables after one D step
 * and one G step on random videos, so G's weights, its EMA (the pre-step weights), spectral-norm
 * vectors and BN statistics all differ from their initial values and from each other.
 */
final class TrainedRuns {
  static final String CHECKPOINT = "ckpt-00000001/variables";

  private TrainedRuns() {}

  /** A run of {@code preset} in {@code dir}; returns {@code dir}. */
  static Path create(Path dir, String preset) throws IOException {
    return create(dir, Presets.load(preset));
  }

  static Path create(Path dir, StageConfig c) throws IOException {
    Files.createDirectories(dir.resolve("ckpt-00000001"));
    int batch = 2;
    try (Graph g = new Graph()) {
      Ops tf = Scopes.root(g);
      Stage stage = Stages.create(tf, c, BuildMode.train());
      VideoShape v = c.getVideo();
      Placeholder<TFloat32> real = tf.withName("real").placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(batch, v.getFrames(), v.getHeight(), v.getWidth(), 3)));
      Placeholder<TInt32> labels = c.getNumClasses() > 0 ? tf.withName("labels").placeholder(
          TInt32.class, Placeholder.shape(Shape.of(batch))) : null;
      VideoShape l = StageConfigs.lowResShape(c);
      Placeholder<TFloat32> lowRes = c.getKind() == StageConfig.Kind.SUPER_RES
          ? tf.withName("low_res").placeholder(TFloat32.class, Placeholder.shape(
              Shape.of(batch, l.getFrames(), l.getHeight(), l.getWidth(), 3))) : null;
      Placeholder<TInt64> seed = tf.withName("seed").placeholder(TInt64.class,
          Placeholder.shape(Shape.of(2)));
      Tower tower = stage.tower(tf, new TowerInputs(real, labels, lowRes, seed, 0, 1));
      TrainOps train = StageTraining.build(g, tf, stage, List.of(tower));
      try (Session s = new Session(g);
          TFloat32 video = TfRun.tensor(real.shape(), smooth((int) real.shape().size(), 1));
          TFloat32 low = lowRes == null ? null
              : TfRun.tensor(lowRes.shape(), smooth((int) lowRes.shape().size(), 2));
          TInt32 ids = TInt32.vectorOf(1, 3);
          TInt64 step = TInt64.vectorOf(7L, 1L);
          TFloat32 copy = TFloat32.scalarOf(0f)) {
        s.initialize();
        if (train.ema() != null) {
          s.runner().feed(train.ema().decay(), copy).addTarget(train.ema().update()).run();
        }
        for (var target : List.of(train.updateD(), train.updateG())) {
          Session.Runner r = s.runner().feed(real, video).feed(seed, step).addTarget(target);
          if (labels != null) {
            r.feed(labels, ids);
          }
          if (lowRes != null) {
            r.feed(lowRes, low);
          }
          r.run();
        }
        s.save(dir.resolve(CHECKPOINT).toString());
      }
    }
    Files.writeString(dir.resolve(RunDirectory.CONFIG), StageConfigs.toText(c),
        StandardCharsets.UTF_8);
    CheckpointState.of(List.of(CHECKPOINT)).write(dir);
    return dir;
  }

  /** Random values squashed into (-1, 1), like videos. */
  private static float[] smooth(int n, long seed) {
    float[] x = TfRun.gaussian(n, seed);
    for (int i = 0; i < n; i++) {
      x[i] = (float) Math.tanh(x[i]);
    }
    return x;
  }

  /** The checkpoint prefix of a run made by {@link #create}. */
  static String prefix(Path run) {
    return run.resolve(CHECKPOINT).toString();
  }
}
