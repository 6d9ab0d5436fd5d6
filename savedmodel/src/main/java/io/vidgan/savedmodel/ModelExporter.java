package io.vidgan.savedmodel;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.cli.FileTrees;
import io.vidgan.graphs.InferenceGenerator;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.Scopes;
import io.vidgan.ops.io.CheckpointRestorer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;

/**
 * Exports trained stages as one SavedModel directory (tag {@value SavedModelBundle#DEFAULT_TAG}):
 * the {@link ChainGraph} with weights restored from the training checkpoints (G's EMA when asked;
 * spectral-norm vectors and BN statistics from G), and the {@link ModelManifest} with every
 * stage's config, so the directory alone generates videos. All variables are {@code VariableV2},
 * the only kind TF Java 1.1.0 saves.
 *
 * <p>The model is assembled in a temporary directory next to the target and moved into place at
 * the end, so a failed export leaves nothing under the target name.
 *
 * <pre>{@code
 * ModelExporter.export(List.of(new Source(lres, "runs/lres/ckpt-00020000/variables", true),
 *     new Source(sres, "runs/sres/ckpt-00020000/variables", false)),
 *     ModelExporter.Options.DEFAULT, Path.of("models/kinetics"));
 * }</pre>
 */
public final class ModelExporter {
  public static final int STAT_PASSES_DEFAULT = 200;
  public static final int STAT_BATCH_DEFAULT = 16;

  /**
   * Where one stage's weights come from.
   *
   * @param checkpoint training checkpoint prefix ({@code RUN/ckpt-%08d/variables})
   * @param ema take G's trainable weights from its EMA shadows
   */
  public record Source(StageConfig config, String checkpoint, boolean ema) {}

  /**
   * @param statFrames re-estimate the first stage's BN statistics at this length (SSW-GAN App. A);
   *     0 keeps the trained statistics
   * @param statPasses dummy forward passes of the re-estimation
   * @param statBatch videos per dummy pass
   * @param seed seed of the dummy passes' noise and classes
   * @param windowStride low-res frames between the windows of every super-resolution stage; 0
   *     for half a window ({@link WindowPlan#defaultStride})
   */
  public record Options(int statFrames, int statPasses, int statBatch, long seed,
      int windowStride) {
    public static final Options DEFAULT =
        new Options(0, STAT_PASSES_DEFAULT, STAT_BATCH_DEFAULT, 0, 0);
  }

  private ModelExporter() {}

  /**
   * Checks that {@code sources} form a chain and {@code o} fits it, without reading checkpoints.
   *
   * @throws IllegalArgumentException naming what does not fit
   */
  public static StageChain check(List<Source> sources, Options o) {
    List<StageConfig> configs = new ArrayList<>();
    sources.forEach(s -> configs.add(s.config()));
    StageChain chain = StageChain.of(configs);
    int trained = chain.first().getVideo().getFrames();
    checkArgument(o.statFrames() == 0 || o.statFrames() >= trained,
        "BN statistics can be re-estimated only at the trained length (%s) or longer, got %s",
        trained, o.statFrames());
    for (StageConfig c : chain.superResolution()) {
      checkArgument(o.windowStride() >= 0 && o.windowStride() <= StageChain.window(c),
          "window stride %s does not fit stage '%s' (windows of %s frames)", o.windowStride(),
          c.getName(), StageChain.window(c));
    }
    return chain;
  }

  /**
   * Exports the chain of {@code sources} (first stage first) to {@code out}, which must not exist.
   *
   * @return the manifest written into the model
   */
  public static ModelManifest export(List<Source> sources, Options o, Path out)
      throws IOException {
    StageChain chain = check(sources, o);
    checkArgument(!Files.exists(out), "%s already exists", out);
    Path parent = out.toAbsolutePath().getParent();
    Files.createDirectories(parent);
    Path work = Files.createTempDirectory(parent, "." + out.getFileName() + ".tmp-");
    try {
      List<Source> weights = new ArrayList<>(sources);
      Source first = sources.get(0);
      if (o.statFrames() > 0) {
        String statistics = work.resolve("statistics/variables").toString();
        StandingStatistics.estimate(first.config(), first.checkpoint(), first.ema(),
            o.statFrames(), o.statPasses(), o.statBatch(), o.seed(), statistics);
        weights.set(0, new Source(first.config(), statistics, false));
      }
      ModelManifest manifest = manifest(sources, chain, o);
      Path model = work.resolve("model");
      writeSavedModel(manifest, weights, model);
      manifest.write(model);
      Files.move(model, out, StandardCopyOption.ATOMIC_MOVE);
      return manifest;
    } finally {
      FileTrees.delete(work);
    }
  }

  /** Builds the chain's graph, restores every stage from {@code weights}, exports it. */
  private static void writeSavedModel(ModelManifest manifest, List<Source> weights, Path model)
      throws IOException {
    try (Graph graph = new Graph()) {
      Ops tf = Scopes.root(graph);
      ChainGraph chain = new ChainGraph(graph, tf, manifest);
      List<CheckpointRestorer> restorers = new ArrayList<>();
      for (int k = 0; k < weights.size(); k++) {
        InferenceGenerator g = chain.generators().get(k);
        restorers.add(new CheckpointRestorer(tf.withSubScope("restore_" + g.config().getName()),
            g.checkpointNames(weights.get(k).ema(), true)));
      }
      try (Session session = new Session(graph)) {
        for (int k = 0; k < restorers.size(); k++) {
          restorers.get(k).restore(session, weights.get(k).checkpoint());
        }
        SavedModelBundle.exporter(model.toString()).withTags(SavedModelBundle.DEFAULT_TAG)
            .withSession(session)
            .withSignatures(chain.signatures().toArray(new Signature[0])).export();
      }
    }
  }

  private static ModelManifest manifest(List<Source> sources, StageChain chain, Options o) {
    List<ModelManifest.Stage> stages = new ArrayList<>();
    for (int k = 0; k < sources.size(); k++) {
      Source s = sources.get(k);
      int stride = k == 0 ? 0 : o.windowStride() > 0 ? o.windowStride()
          : WindowPlan.defaultStride(StageChain.window(s.config()));
      stages.add(new ModelManifest.Stage(s.config(), s.checkpoint(), s.ema(), stride));
    }
    boolean reestimated = o.statFrames() > 0;
    return new ModelManifest(stages,
        reestimated ? o.statFrames() : chain.first().getVideo().getFrames(),
        reestimated ? o.statPasses() : 0);
  }
}
