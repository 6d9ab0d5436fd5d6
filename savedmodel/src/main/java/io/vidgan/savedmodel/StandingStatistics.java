package io.vidgan.savedmodel;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.cli.ProgressBar;
import io.vidgan.graphs.InferenceGenerator;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.BuildMode;
import io.vidgan.ops.Scopes;
import io.vidgan.ops.io.CheckpointRestorer;
import java.io.IOException;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Re-estimates a first stage's per-frame batch-norm statistics for a longer unroll: the generator
 * is built with one statistics row per frame of the new length, its weights restored, and run on
 * {@code passes} batches of random noise and classes ({@link Latents}, stage 0, videos {@code
 * [i * batch, (i + 1) * batch)} in pass {@code i}) while every BN layer accumulates
 * the cumulative mean of its batch moments (SSW-GAN App. A: "200 dummy forward passes").
 *
 * <p>The result is written as a checkpoint with the generator's training names holding the
 * weights that were used (the EMA weights if asked) and the new statistics, so an inference graph
 * with as many statistics rows restores it with {@code checkpointNames(false, true)}. Memory grows
 * with the new length (the unroll is not chunked) but only once, at export time.
 *
 * @see <a href="https://arxiv.org/abs/2106.02719">Castrejon et al., 2021, Hierarchical Video
 *     Generation for Complex Data</a>
 */
final class StandingStatistics {
  private StandingStatistics() {}

  /**
   * @param checkpoint training checkpoint prefix to read the weights from
   * @param ema read the trainable weights from the EMA shadows
   * @param frames the new length (statistics rows)
   * @param out prefix of the checkpoint to write
   */
  static void estimate(StageConfig c, String checkpoint, boolean ema, int frames, int passes,
      int batch, long seed, String out) throws IOException {
    checkArgument(c.getKind() == StageConfig.Kind.LOW_RES, "only a first stage is unrolled");
    checkArgument(passes >= 1 && batch >= 1, "need passes >= 1 and batch >= 1, got %s and %s",
        passes, batch);
    try (Graph graph = new Graph()) {
      Ops tf = Scopes.root(graph);
      InferenceGenerator g = new InferenceGenerator(graph, tf, c, BuildMode.standingStats(),
          new InferenceGenerator.Options(frames, frames, false));
      CheckpointRestorer restorer = new CheckpointRestorer(tf, g.checkpointNames(ema, false));
      try (Session session = new Session(graph);
          ProgressBar bar = new ProgressBar("BN statistics at " + frames + " frames", passes,
              "passes")) {
        restorer.restore(session, checkpoint);
        for (int i = 0; i < passes; i++) {
          run(session, g, seed, i * batch, batch);
          bar.step(1);
        }
        session.save(out);
      }
    }
  }

  /**
   * One pass on the noise and classes of videos {@code [first, first + batch)} ({@link Latents},
   * stage 0); fetching the video runs every BN layer's statistics update.
   */
  private static void run(Session session, InferenceGenerator g, long seed, int first,
      int batch) {
    StageConfig c = g.config();
    float[] z = Latents.normal(seed, first, batch, 0, c.getLatentDim(), 1.0);
    int[] labels = c.getNumClasses() > 0 ? Latents.classes(seed, first, batch,
        c.getNumClasses()) : new int[batch];
    try (TFloat32 zt = Tensors.of(Shape.of(batch, c.getLatentDim()), z);
        TInt32 yt = TInt32.vectorOf(labels)) {
      Session.Runner r = session.runner().feed(g.z(), zt).fetch(g.video());
      if (g.labels() != null) {
        r.feed(g.labels(), yt);
      }
      r.run().close();
    }
  }
}
