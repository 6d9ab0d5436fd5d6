package io.vidgan.savedmodel;

import io.vidgan.graphs.InferenceGenerator;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.BuildMode;
import io.vidgan.ops.Scopes;
import io.vidgan.ops.io.CheckpointRestorer;
import io.vidgan.ops.testing.Closeness;
import io.vidgan.ops.testing.TfRun;
import java.io.IOException;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The reference the exported model is checked against: one stage's {@link InferenceGenerator} in
 * a graph of its own, restored straight from a training checkpoint, run on given inputs.
 */
final class DirectGenerator implements AutoCloseable {
  private final StageConfig config;
  private final Graph graph = new Graph();
  private final InferenceGenerator generator;
  private final Session session;

  /** Inference at the trained length with the trained statistics. */
  DirectGenerator(StageConfig c, String prefix, boolean ema) throws IOException {
    this(c, prefix, ema, BuildMode.inference(), c.getVideo().getFrames(),
        c.getVideo().getFrames());
  }

  /**
   * @param frames frames per run (a first stage unrolls past its trained length; a
   *     super-resolution stage is applied to a low-res video of {@code frames / time_factor})
   * @param statFrames statistics rows (statistics are not restored in a standing-statistics mode)
   */
  DirectGenerator(StageConfig c, String prefix, boolean ema, BuildMode mode, int frames,
      int statFrames) throws IOException {
    this.config = c;
    Ops tf = Scopes.root(graph);
    this.generator = new InferenceGenerator(graph, tf, c, mode,
        new InferenceGenerator.Options(frames, statFrames, false));
    CheckpointRestorer restorer = new CheckpointRestorer(tf,
        generator.checkpointNames(ema, !mode.usesBatchStatistics()));
    this.session = new Session(graph);
    restorer.restore(session, prefix);
  }

  /**
   * @param z {@code [B, latent]}
   * @param labels {@code [B]}
   * @param lowRes {@code [B, T', H', W', 3]} for super-resolution stages, else null
   * @return {@code [B, T, H, W, 3]}
   */
  float[] run(float[] z, int[] labels, float[] lowRes) {
    int batch = labels.length;
    try (TFloat32 zt = TfRun.tensor(Shape.of(batch, config.getLatentDim()), z);
        TInt32 yt = TInt32.vectorOf(labels);
        TFloat32 low = lowRes == null ? null : TfRun.tensor(lowResShape(batch), lowRes)) {
      Session.Runner r = session.runner().feed(generator.z(), zt).fetch(generator.video());
      if (generator.labels() != null) {
        r.feed(generator.labels(), yt);
      }
      if (low != null) {
        r.feed(generator.lowRes(), low);
      }
      try (Result out = r.run()) {
        return TfRun.values(out.get(0));
      }
    }
  }

  /**
   * The float32 rounding bound of the output (a tanh, of magnitude 1) of {@code stages} run one
   * after the other, each fed by the one before.
   */
  static Closeness rounding(StageConfig... stages) {
    Closeness bound = Closeness.of(0, 0);
    for (StageConfig c : stages) {
      try (Graph g = new Graph()) {
        new InferenceGenerator(g, Scopes.root(g), c, BuildMode.inference(),
            c.getVideo().getFrames());
        bound = bound.plus(Closeness.forward(g, c.getName(), 1));
      }
    }
    return bound;
  }

  /** The current value of the variable named {@code name} (training names). */
  float[] variable(String name) {
    return TfRun.fetch(session, name);
  }

  private Shape lowResShape(int batch) {
    long[] dims = generator.lowRes().shape().asArray();
    dims[0] = batch;
    return Shape.of(dims);
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
