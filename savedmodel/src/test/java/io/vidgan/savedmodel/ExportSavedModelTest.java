package io.vidgan.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.graphs.RunDirectory;
import io.vidgan.ops.testing.TfRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.Shape;

/** {@code bin/export-savedmodel}: a chain from run directories, and usage errors (exit 2). */
class ExportSavedModelTest {
  @TempDir
  Path dir;

  private static CommandRun export(String... args) {
    return CommandRun.of(new ExportSavedModel(), args);
  }

  @Test
  void exportsRunsGivenAsRunOrCheckpointDirectories() throws Exception {
    TinyChain chain = TinyChain.get();
    Path out = dir.resolve("model");
    CommandRun run = export("--run=" + chain.lresRun, "--checkpoint=1",
        "--sres-run=" + chain.sresRun.resolve("ckpt-00000001"), "--stat-passes=2",
        "--stat-batch=2", "--out=" + out);
    assertEquals(0, run.exit(), run.stderr());
    try (ExportedModel m = ExportedModel.load(out)) {
      assertEquals(chain.lresPrefix(), m.manifest().stages().get(0).checkpoint());
      assertTrue(m.manifest().stages().get(0).ema(), "auto takes the EMA the run trained");
      assertEquals(chain.sresPrefix(), m.manifest().stages().get(1).checkpoint());
      assertEquals(4, m.manifest().stages().get(1).temporalRadius());
      assertEquals(2, m.manifest().statPasses(), "every stage re-estimated");
      assertTrue(!run.stderr().contains("warning"), run.stderr());
    }
    try (var left = Files.list(dir)) {
      assertEquals(1, left.count(), "no temporary directory is left behind");
    }
  }

  @Test
  void noStatisticsPassesKeepTheTrainedOnesWithAWarning() throws Exception {
    TinyChain chain = TinyChain.get();
    Path out = dir.resolve("model");
    CommandRun run = export("--run=" + chain.lresRun, "--sres-run=" + chain.sresRun,
        "--stat-passes=0", "--out=" + out);
    assertEquals(0, run.exit(), run.stderr());
    assertTrue(run.stderr().contains("warning: --stat-passes=0"), run.stderr());
    try (ExportedModel m = ExportedModel.load(out);
        ExportedModel trained = ExportedModel.load(chain.model)) {
      assertEquals(0, m.manifest().statPasses());
      assertEquals(4, m.manifest().stages().get(1).statFrames(), "the trained window's");
      assertEquals(0, TfRun.maxAbsDiff(generate(trained), generate(m)),
          "the training run's statistics and vectors");
    }
  }

  /** The chain's video for fixed inputs. */
  private static float[] generate(ExportedModel m) {
    return new Calls().floats(SignatureNames.Z, Shape.of(2, 8), TfRun.gaussian(16, 1))
        .floats(SignatureNames.latent("sres"), Shape.of(2, 8), TfRun.gaussian(16, 2))
        .ints(SignatureNames.LABELS, 0, 1).run(m, SignatureNames.GENERATE)
        .get(SignatureNames.VIDEO);
  }

  @Test
  void badRunsAndOptionsAreUsageErrors() throws Exception {
    TinyChain chain = TinyChain.get();
    String out = "--out=" + dir.resolve("model");
    Path untrained = Files.createDirectories(dir.resolve("untrained"));
    Files.copy(chain.lresRun.resolve(RunDirectory.CONFIG),
        untrained.resolve(RunDirectory.CONFIG));
    String[][] cases = {
        {"--run=" + dir.resolve("nope"), out, "is not a directory"},
        {"--run=" + untrained, out, "has no checkpoint"},
        {"--run=" + chain.lresRun, "--checkpoint=7", out, "no checkpoint"},
        {"--run=" + chain.sresRun, out, "must be LOW_RES"},
        {"--run=" + chain.lresRun, "--stat-frames=2", out, "trained length"},
        {"--run=" + chain.lresRun, "--stat-frames=8", "--stat-passes=0", out, "dummy passes"},
        {"--run=" + chain.lresRun, "--sres-run=" + chain.sresRun, "--ema=true", out,
            "without an EMA"},
        {"--run=" + chain.lresRun, "--sres-run=" + chain.sresRun, "--window-stride=3", out,
            "--window-stride is gone: super-resolution stages are applied to the whole video"},
        {"--run=" + chain.lresRun, "--out=" + chain.model, "already exists"},
    };
    for (String[] c : cases) {
      String expected = c[c.length - 1];
      CommandRun run = export(java.util.Arrays.copyOf(c, c.length - 1));
      assertEquals(2, run.exit(), String.join(" ", c) + ": " + run.stderr());
      assertTrue(run.stderr().contains(expected), expected + " not in " + run.stderr());
    }
    assertTrue(!Files.exists(dir.resolve("model")));
  }
}
