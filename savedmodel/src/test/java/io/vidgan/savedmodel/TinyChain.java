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
 * with default options, made once per test JVM (building training graphs dominates the tests'
 * time) in a temporary directory removed at exit. Public for other modules' tests (eval-fvd).
 */
public final class TinyChain {
  private static TinyChain instance;

  final StageConfig lres;
  final StageConfig sres;
  final Path dir;
  final Path lresRun;
  final Path sresRun;
  public final Path model;

  private TinyChain() throws IOException {
    this.lres = Presets.load("tiny/lres");
    this.sres = Presets.load("tiny/sres");
    this.dir = Files.createTempDirectory("vidgan-savedmodel-test");
    Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(dir)));
    this.lresRun = TrainedRuns.create(dir.resolve("lres"), lres);
    this.sresRun = TrainedRuns.create(dir.resolve("sres"), sres);
    this.model = dir.resolve("model");
    ModelExporter.export(List.of(new ModelExporter.Source(lres, lresPrefix(), true),
        new ModelExporter.Source(sres, sresPrefix(), false)), ModelExporter.Options.DEFAULT,
        model);
  }

  public static synchronized TinyChain get() throws IOException {
    if (instance == null) {
      instance = new TinyChain();
    }
    return instance;
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
