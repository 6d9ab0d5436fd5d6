package io.vidgan.savedmodel;

import io.vidgan.cli.FileTrees;
import io.vidgan.graphs.config.Presets;
import io.vidgan.graphs.config.StageConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A tiny trained chain ({@code tiny/lres} with an EMA, {@code tiny/sres} without) and its export
 * with the training run's statistics ({@link #AS_TRAINED}, so it is the training checkpoints'
 * function), made once per test JVM (building training graphs dominates the tests' time) in a
 * temporary directory removed at exit; on first use also a three-level chain with {@code
 * tiny/sres2} on top, its statistics re-estimated ({@link #REESTIMATED}). Public for other
 * modules' tests (eval-fvd).
 */
public final class TinyChain {
  /** No re-estimation: every stage keeps G's statistics and spectral-norm vectors. */
  static final ModelExporter.Options AS_TRAINED = new ModelExporter.Options(0, 0, 1, 0);
  /** Re-estimation at the trained length with few passes, to keep the tests short. */
  static final ModelExporter.Options REESTIMATED = new ModelExporter.Options(0, 3, 2, 0);

  private static TinyChain instance;

  final StageConfig lres;
  final StageConfig sres;
  final Path dir;
  final Path lresRun;
  final Path sresRun;
  public final Path model;
  private Path threeLevel;

  private TinyChain() throws IOException {
    this.lres = Presets.load("tiny/lres");
    this.sres = Presets.load("tiny/sres");
    this.dir = Files.createTempDirectory("vidgan-savedmodel-test");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
    this.lresRun = TrainedRuns.create(dir.resolve("lres"), lres);
    this.sresRun = TrainedRuns.create(dir.resolve("sres"), sres);
    this.model = dir.resolve("model");
    ModelExporter.export(List.of(new ModelExporter.Source(lres, lresPrefix(), true),
        new ModelExporter.Source(sres, sresPrefix(), false)), AS_TRAINED, model);
  }

  public static synchronized TinyChain get() throws IOException {
    if (instance == null) {
      instance = new TinyChain();
    }
    return instance;
  }

  /** The model of {@code tiny/lres -> tiny/sres -> tiny/sres2}, statistics re-estimated. */
  synchronized Path threeLevel() throws IOException {
    if (threeLevel == null) {
      StageConfig sres2 = Presets.load("tiny/sres2");
      Path run = TrainedRuns.create(dir.resolve("sres2"), sres2);
      Path out = dir.resolve("model3");
      ModelExporter.export(List.of(new ModelExporter.Source(lres, lresPrefix(), true),
          new ModelExporter.Source(sres, sresPrefix(), false),
          new ModelExporter.Source(sres2, TrainedRuns.prefix(run), false)), REESTIMATED, out);
      threeLevel = out;
    }
    return threeLevel;
  }

  String lresPrefix() {
    return TrainedRuns.prefix(lresRun);
  }

  String sresPrefix() {
    return TrainedRuns.prefix(sresRun);
  }

  static void delete(Path root) {
    try {
      FileTrees.delete(root);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
