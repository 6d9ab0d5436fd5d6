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
 * the {@link ChainGraph} with weights restored from the training checkpoints (G's EMA when asked),
 * spectral-norm vectors and BN statistics re-estimated for those weights and the unrolled length
 * ({@link StandingStatistics}; with no passes, G's own as trained), and the {@link ModelManifest}
 * with every stage's config, so the directory alone generates videos. All variables are {@code VariableV2},
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
   * @param statFrames first-stage frames the chain is unrolled to when BN statistics are
   *     re-estimated (SSW-GAN App. A); every super-resolution stage gets statistics for its whole
   *     video at that length; 0 for the trained length
   * @param statPasses dummy forward passes (and power iterations) per stage; 0 keeps the trained
   *     statistics and spectral-norm vectors of G (not of its EMA), at the trained lengths
   * @param statBatch videos per dummy pass
   * @param seed seed of the dummy passes' noise and classes
   */
  public record Options(int statFrames, int statPasses, int statBatch, long seed) {
    public static final Options DEFAULT =
        new Options(0, STAT_PASSES_DEFAULT, STAT_BATCH_DEFAULT, 0);
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
    checkArgument(o.statFrames() == 0 || o.statPasses() > 0,
        "BN statistics at %s frames need dummy passes, got 0", o.statFrames());
    checkArgument(o.statPasses() >= 0 && o.statBatch() >= 1,
        "need stat passes >= 0 and a stat batch >= 1, got %s and %s", o.statPasses(),
        o.statBatch());
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
      List<Integer> statFrames = statFrames(chain, o);
      List<Source> weights = new ArrayList<>(sources);
      if (o.statPasses() > 0) {
        List<String> estimated = new StandingStatistics(sources, statFrames, o.statPasses(),
            o.statBatch(), o.seed()).estimate(work.resolve("statistics"));
        for (int k = 0; k < sources.size(); k++) {
          weights.set(k, new Source(sources.get(k).config(), estimated.get(k), false));
        }
      }
      Path model = work.resolve("model");
      List<Integer> radii = writeSavedModel(chain, statFrames, weights, model);
      ModelManifest manifest = manifest(sources, statFrames, radii, o.statPasses());
      manifest.write(model);
      Files.move(model, out, StandardCopyOption.ATOMIC_MOVE);
      return manifest;
    } finally {
      FileTrees.delete(work);
    }
  }

  /**
   * Every stage's frames of BN statistics: with re-estimation, its whole video when the first
   * stage makes {@code statFrames} (or its trained length); without, the trained lengths.
   */
  private static List<Integer> statFrames(StageChain chain, Options o) {
    List<Integer> frames = new ArrayList<>();
    int length = o.statFrames() > 0 ? o.statFrames() : chain.first().getVideo().getFrames();
    frames.add(o.statPasses() > 0 ? length : chain.first().getVideo().getFrames());
    for (StageConfig c : chain.superResolution()) {
      length *= StageChain.timeFactor(c);
      frames.add(o.statPasses() > 0 ? length : c.getVideo().getFrames());
    }
    return frames;
  }

  /**
   * Builds the chain's graph, restores every stage from {@code weights}, exports it.
   *
   * @return every stage's temporal radius (0 for the first stage)
   */
  private static List<Integer> writeSavedModel(StageChain stages, List<Integer> statFrames,
      List<Source> weights, Path model) throws IOException {
    try (Graph graph = new Graph()) {
      Ops tf = Scopes.root(graph);
      ChainGraph chain = new ChainGraph(graph, tf, stages, statFrames);
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
      List<Integer> radii = new ArrayList<>(List.of(0));
      chain.generators().subList(1, weights.size()).forEach(g -> radii.add(g.temporalRadius()));
      return radii;
    }
  }

  private static ModelManifest manifest(List<Source> sources, List<Integer> statFrames,
      List<Integer> radii, int statPasses) {
    List<ModelManifest.Stage> stages = new ArrayList<>();
    for (int k = 0; k < sources.size(); k++) {
      Source s = sources.get(k);
      stages.add(new ModelManifest.Stage(s.config(), s.checkpoint(), s.ema(), statFrames.get(k),
          radii.get(k)));
    }
    return new ModelManifest(stages, statPasses);
  }
}
