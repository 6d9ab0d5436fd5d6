package io.vidgan.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/supervise}: restarts a failing command, stops on success, usage errors or a cap of
 * failures in a row.
 */
class SuperviseScriptTest {
  private static final Path SCRIPT = Path.of("..", "bin", "supervise");

  @TempDir Path dir;

  /** Runs {@code bin/supervise ARGS -- bash -c SCRIPT}; returns the exit code. */
  private static int supervise(String shell, String... flags) throws Exception {
    List<String> command = new ArrayList<>(List.of("bash", SCRIPT.toString()));
    command.addAll(List.of(flags));
    command.addAll(List.of("--", "bash", "-c", shell));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "supervise finished");
    return p.exitValue();
  }

  private int runs(Path log) throws Exception {
    return Files.readAllLines(log, StandardCharsets.UTF_8).size();
  }

  @Test
  void restartsUntilTheCommandSucceeds() throws Exception {
    Path log = dir.resolve("runs");
    String shell = "echo x >> " + log + "; [ $(wc -l < " + log + ") -ge 3 ]";
    assertEquals(0, supervise(shell, "--delay=0"));
    assertEquals(3, runs(log), "two failures, then success");
  }

  @Test
  void givesUpAfterTheCapAndOnUsageErrors() throws Exception {
    Path log = dir.resolve("runs");
    assertEquals(3, supervise("echo x >> " + log + "; exit 3", "--delay=0", "--max-restarts=2"));
    assertEquals(3, runs(log), "the first run and two restarts");
    Path usage = dir.resolve("usage");
    assertEquals(2, supervise("echo x >> " + usage + "; exit 2", "--delay=0"));
    assertEquals(1, runs(usage), "a usage error is not restarted");
  }

  @Test
  void aRunThatLastedBreaksTheRowOfFailures() throws Exception {
    Path log = dir.resolve("runs");
    String shell = "echo x >> " + log + "; [ $(wc -l < " + log + ") -ge 3 ] || { sleep 1.5; "
        + "exit 3; }";
    assertEquals(0, supervise(shell, "--delay=0", "--max-restarts=1", "--healthy-after=1"));
    assertEquals(3, runs(log), "two failures after healthy runs, then success");
  }
}
