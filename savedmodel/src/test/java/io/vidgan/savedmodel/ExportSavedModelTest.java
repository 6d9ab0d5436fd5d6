package io.vidgan.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        "--sres-run=" + chain.sresRun.resolve("ckpt-00000001"), "--window-stride=2",
        "--out=" + out);
    assertEquals(0, run.exit(), run.stderr());
    try (ExportedModel m = ExportedModel.load(out)) {
      assertEquals(chain.lresPrefix(), m.manifest().stages().get(0).checkpoint());
      assertTrue(m.manifest().stages().get(0).ema(), "auto takes the EMA the run trained");
      assertEquals(chain.sresPrefix(), m.manifest().stages().get(1).checkpoint());
      assertEquals(2, m.manifest().stages().get(1).windowStride());
    }
    try (var left = Files.list(dir)) {
      assertEquals(1, left.count(), "no temporary directory is left behind");
    }
  }

  @Test
  void badRunsAndOptionsAreUsageErrors() throws Exception {
    TinyChain chain = TinyChain.get();
    String out = "--out=" + dir.resolve("model");
    Path untrained = Files.createDirectories(dir.resolve("untrained"));
    Files.copy(chain.lresRun.resolve(RunCheckpoint.CONFIG_FILE),
        untrained.resolve(RunCheckpoint.CONFIG_FILE));
    String[][] cases = {
        {"--run=" + dir.resolve("nope"), out, "is not a directory"},
        {"--run=" + untrained, out, "has no checkpoint"},
        {"--run=" + chain.lresRun, "--checkpoint=7", out, "no checkpoint"},
        {"--run=" + chain.sresRun, out, "must be LOW_RES"},
        {"--run=" + chain.lresRun, "--stat-frames=2", out, "trained length"},
        {"--run=" + chain.lresRun, "--sres-run=" + chain.sresRun, "--ema=true", out,
            "without an EMA"},
        {"--run=" + chain.lresRun, "--sres-run=" + chain.sresRun, "--window-stride=3", out,
            "window stride"},
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
