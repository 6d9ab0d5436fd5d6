package io.vidgan.graphs;

import io.vidgan.graphs.config.Presets;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.graphs.config.VideoShape;
import io.vidgan.ops.BuildMode;
import io.vidgan.ops.testing.TfRun;
import java.io.IOException;
import java.util.List;
import io.vidgan.ops.Scopes;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/** A stage with one tower fed by placeholders, its train ops and a session. */
final class StageFixture implements AutoCloseable {
  final StageConfig config;
  final Graph graph = new Graph();
  final Ops tf = Scopes.root(graph);
  final Stage stage;
  final Placeholder<TFloat32> real;
  final Placeholder<TInt32> labels;
  final Placeholder<TFloat32> lowRes;
  final Placeholder<TInt64> seed;
  final Tower tower;
  final TrainOps train;
  final Session session;
  final int batch;

  StageFixture(String preset, int batch) throws IOException {
    this(Presets.load(preset), batch, true);
  }

  StageFixture(StageConfig config, int batch, boolean withSession) {
    this.config = config;
    this.batch = batch;
    this.stage = Stages.create(tf, config, BuildMode.train());
    VideoShape v = config.getVideo();
    this.real = tf.withName("real").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(batch, v.getFrames(), v.getHeight(), v.getWidth(), 3)));
    this.labels = config.getNumClasses() > 0 ? tf.withName("labels").placeholder(TInt32.class,
        Placeholder.shape(Shape.of(batch))) : null;
    this.lowRes = config.getKind() == StageConfig.Kind.SUPER_RES ? lowResPlaceholder() : null;
    this.seed = tf.withName("seed").placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
    this.tower = stage.tower(tf, new TowerInputs(real, labels, lowRes, seed, 0, 1));
    this.train = StageTraining.build(graph, tf, stage, List.of(tower));
    this.session = withSession ? new Session(graph) : null;
  }

  private Placeholder<TFloat32> lowResPlaceholder() {
    VideoShape low = StageConfigs.lowResShape(config);
    return tf.withName("low_res").placeholder(TFloat32.class, Placeholder.shape(
        Shape.of(batch, low.getFrames(), low.getHeight(), low.getWidth(), 3)));
  }

  /** A fixed batch: smooth random videos in [-1, 1], labels 0, 1, 2, ... */
  Feed fixedBatch(long seed) {
    VideoShape v = config.getVideo();
    float[] video = TfRun.gaussian(batch * v.getFrames() * v.getHeight() * v.getWidth() * 3, seed);
    for (int i = 0; i < video.length; i++) {
      video[i] = (float) Math.tanh(video[i]);
    }
    int[] ids = new int[batch];
    for (int i = 0; i < batch; i++) {
      ids[i] = i % Math.max(1, config.getNumClasses());
    }
    float[] low = lowRes == null ? null : TfRun.gaussian((int) lowRes.shape().size(), seed + 1);
    return new Feed(video, ids, low);
  }

  /** One batch of inputs. */
  record Feed(float[] video, int[] labels, float[] lowRes) {}

  /** Runs {@code targets} and fetches {@code fetches} (floats) with {@code feed} and a seed. */
  float[][] run(Feed feed, long runSeed, List<Op> targets, List<Output<TFloat32>> fetches) {
    try (TFloat32 video = TfRun.tensor(real.shape(), feed.video());
        TInt32 ids = TInt32.vectorOf(feed.labels());
        TFloat32 low = lowRes == null ? null : TfRun.tensor(lowRes.shape(), feed.lowRes());
        TInt64 s = TInt64.vectorOf(7L, runSeed)) {
      Session.Runner r = session.runner().feed(real, video).feed(seed, s);
      if (labels != null) {
        r.feed(labels, ids);
      }
      if (lowRes != null) {
        r.feed(lowRes, low);
      }
      targets.forEach(r::addTarget);
      fetches.forEach(r::fetch);
      try (Result result = r.run()) {
        float[][] out = new float[fetches.size()][];
        for (int i = 0; i < out.length; i++) {
          out[i] = TfRun.values(result.get(i));
        }
        return out;
      }
    }
  }

  /** Current values of {@code variables}, fetched in one run (each fetch set compiles anew). */
  float[][] values(List<Output<TFloat32>> variables) {
    Session.Runner r = session.runner();
    variables.forEach(v -> r.fetch(v.op().name()));
    try (Result result = r.run()) {
      float[][] out = new float[variables.size()][];
      for (int i = 0; i < out.length; i++) {
        out[i] = TfRun.values(result.get(i));
      }
      return out;
    }
  }

  @Override
  public void close() {
    if (session != null) {
      session.close();
    }
    graph.close();
  }
}
