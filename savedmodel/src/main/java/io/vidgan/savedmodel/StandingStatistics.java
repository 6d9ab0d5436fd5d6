package io.vidgan.savedmodel;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.cli.ProgressBar;
import io.vidgan.graphs.InferenceGenerator;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.BuildMode;
import io.vidgan.ops.Scopes;
import io.vidgan.ops.SpectralNorm;
import io.vidgan.ops.io.CheckpointRestorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Re-estimates every stage's per-frame batch-norm statistics for the weights being exported and
 * the length the chain is unrolled to (SSW-GAN App. A: "200 dummy forward passes" recompute the
 * per-timestep statistics for unrolled generation). Stage by stage, first stage first: the stage
 * is built with one statistics row per frame of its whole video at that length, its weights
 * restored (G's EMA if asked), and
 *
 * <ol>
 *   <li>its spectral-norm vectors {@code u} are brought to the restored weights by {@code passes}
 *       power iterations (an EMA has no {@code u} of its own: the raw G's is the starting point),
 *   <li>it runs {@code passes} batches of random noise and classes ({@link Latents}, videos {@code
 *       [i * batch, (i + 1) * batch)} in pass {@code i}) while every BN layer accumulates the
 *       cumulative mean of its batch moments. A super-resolution stage upsamples the whole video
 *       the stages below make from the same videos' noise with their re-estimated statistics.
 * </ol>
 *
 * <p>Each stage's result is a checkpoint with its training names holding the weights used, the
 * new {@code u} and the new statistics, restored with {@code checkpointNames(false, true)}. Memory
 * grows with the length (a whole video per pass) but only at export time.
 *
 * @see <a href="https://arxiv.org/abs/2106.02719">Castrejon et al., 2021, Hierarchical Video
 *     Generation for Complex Data</a>
 */
final class StandingStatistics {
  private final List<ModelExporter.Source> sources;
  private final List<Integer> frames;
  private final int passes;
  private final int batch;
  private final long seed;

  /**
   * @param sources the chain's stages, first stage first
   * @param frames every stage's whole-video length (its statistics rows)
   * @param passes power iterations and dummy passes per stage
   * @param batch videos per dummy pass
   * @param seed seed of the dummy passes' noise and classes
   */
  StandingStatistics(List<ModelExporter.Source> sources, List<Integer> frames, int passes,
      int batch, long seed) {
    checkArgument(passes >= 1 && batch >= 1, "need passes >= 1 and batch >= 1, got %s and %s",
        passes, batch);
    this.sources = sources;
    this.frames = frames;
    this.passes = passes;
    this.batch = batch;
    this.seed = seed;
  }

  /**
   * Re-estimates every stage into checkpoints under {@code dir}.
   *
   * @return one checkpoint prefix per stage, first stage first
   */
  List<String> estimate(Path dir) throws IOException {
    List<String> prefixes = new ArrayList<>();
    for (int k = 0; k < sources.size(); k++) {
      Path stage = Files.createDirectories(dir.resolve(sources.get(k).config().getName()));
      String out = stage.resolve("variables").toString();
      estimate(k, prefixes, out);
      prefixes.add(out);
    }
    return prefixes;
  }

  /** Stage {@code k}, on top of the stages below re-estimated into {@code below}. */
  private void estimate(int k, List<String> below, String out) throws IOException {
    try (Graph graph = new Graph()) {
      Ops tf = Scopes.root(graph);
      List<InferenceGenerator> chain = new ArrayList<>();
      List<CheckpointRestorer> restorers = new ArrayList<>();
      for (int j = 0; j <= k; j++) {
        StageConfig c = sources.get(j).config();
        BuildMode mode = j < k ? BuildMode.inference() : BuildMode.standingStats();
        InferenceGenerator g = new InferenceGenerator(graph, tf, c, mode,
            new InferenceGenerator.Options(frames.get(j), frames.get(j), false));
        chain.add(g);
        restorers.add(new CheckpointRestorer(tf.withSubScope("restore_" + c.getName()),
            j < k ? g.checkpointNames(false, true)
                : g.checkpointNames(sources.get(j).ema(), false)));
      }
      StageConfig c = sources.get(k).config();
      List<GraphOperation> powerIteration = SpectralNorm.updates(graph, c.getName() + "/");
      try (Session session = new Session(graph);
          ProgressBar bar = new ProgressBar("BN statistics of " + c.getName() + " at "
              + frames.get(k) + " frames", passes, "passes")) {
        for (int j = 0; j <= k; j++) {
          restorers.get(j).restore(session, j < k ? below.get(j) : sources.get(j).checkpoint());
        }
        for (int i = 0; i < passes && !powerIteration.isEmpty(); i++) {
          Session.Runner r = session.runner();
          powerIteration.forEach(r::addTarget);
          r.run();
        }
        for (int i = 0; i < passes; i++) {
          run(session, chain, i * batch).close();
          bar.step(1);
        }
        session.save(out);
      }
    }
  }

  /**
   * One pass on the noise and classes of videos {@code [first, first + batch)}: each stage's
   * video fed to the next; fetching the last one runs its BN statistics updates.
   *
   * @return the last stage's video; the caller closes it
   */
  private Tensor run(Session session, List<InferenceGenerator> chain, int first) {
    StageConfig c0 = chain.get(0).config();
    int[] labels = c0.getNumClasses() > 0 ? Latents.classes(seed, first, batch,
        c0.getNumClasses()) : new int[batch];
    Tensor video = null;
    try (TInt32 y = TInt32.vectorOf(labels)) {
      for (int j = 0; j < chain.size(); j++) {
        InferenceGenerator g = chain.get(j);
        int dim = g.config().getLatentDim();
        try (TFloat32 z = Tensors.of(Shape.of(batch, dim),
            Latents.normal(seed, first, batch, j, dim, 1.0));
            Tensor low = video) {
          Session.Runner r = session.runner().feed(g.z(), z).fetch(g.video());
          if (g.labels() != null) {
            r.feed(g.labels(), y);
          }
          if (low != null) {
            r.feed(g.lowRes(), low);
          }
          video = r.run().get(0);
        }
      }
    }
    return video;
  }
}
