package io.vidgan.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.ops.io.CheckpointState;
import io.vidgan.ops.testing.Stderr;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run killed at any moment, or diverging, leaves its last listed checkpoint loadable. */
class CrashSafetyTest {
  private static boolean partialExists(Path run) throws Exception {
    try (Stream<Path> entries = Files.list(run)) {
      return entries.anyMatch(p -> p.getFileName().toString().contains(".partial-"));
    }
  }

  private static int listed(Path run) throws Exception {
    return CheckpointState.read(run).map(s -> s.prefixes().size()).orElse(0);
  }

  @Test
  void killMinusNineDuringACheckpointWriteLeavesALoadableCheckpoint(@TempDir Path dir)
      throws Exception {
    Path run = dir.resolve("run");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Train.class.getName()));
    command.addAll(TrainCommandTest.args(run, "lres", 100_000, "--checkpoint-every=1",
        "--sample-every=100000", "--keep-checkpoints=2", "--replicas=1"));
    Process p = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(dir.resolve("log.txt").toFile()).start();
    boolean midWrite = false;
    try {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(300);
      while (System.nanoTime() < deadline && (listed(run) < 2 || !(midWrite = partialExists(run)))) {
        assertTrue(p.isAlive(), () -> "training died: " + readLog(dir));
      }
    } finally {
      p.destroyForcibly().waitFor();
    }
    assertTrue(listed(run) >= 2, "no checkpoints before the kill: " + readLog(dir));
    CheckpointState state = CheckpointState.read(run).orElseThrow();
    for (String prefix : state.prefixes()) {
      Map<String, float[]> values = CheckpointValues.read(run.resolve(prefix).toString());
      assertFalse(values.isEmpty(), prefix);
    }
    long step = Long.parseLong(state.latest().replaceAll("\\D", ""));
    assertEquals(0, TrainCommandTest.train("--resume=" + run, "--steps=" + (step + 1)));
    assertFalse(partialExists(run), "resume removes partial checkpoints");
    System.out.println("killed while a checkpoint was being written: " + midWrite);
  }

  private static String readLog(Path dir) {
    try {
      return Files.readString(dir.resolve("log.txt"));
    } catch (Exception e) {
      return e.toString();
    }
  }

  @Test
  void aDivergingRunStopsNamingTheStepAndKeepsItsLastCheckpoint(@TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("diverging.pbtxt");
    Files.writeString(config, Files.readString(Path.of("../configs/tiny/lres.pbtxt"))
        .replace("discriminator_adam { learning_rate: 2e-3 }",
            "discriminator_adam { learning_rate: 1e38 }"));
    Path run = dir.resolve("run");
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    int code;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      code = TrainCommandTest.train("--stage=lres", "--config=" + config, "--out=" + run,
          TrainCommandTest.DATA, "--steps=50", "--batch=4", "--checkpoint-every=1",
          "--sample-every=1000");
    } finally {
      System.setErr(err);
    }
    String message = captured.toString(StandardCharsets.UTF_8);
    assertEquals(1, code, message);
    assertTrue(message.matches("(?s).*step \\d+: \\S+ is (NaN|Infinity|-Infinity).*"), message);
    long failed = Long.parseLong(message.replaceAll("(?s).*step (\\d+):.*", "$1"));
    if (failed > 1) {
      CheckpointState state = CheckpointState.read(run).orElseThrow();
      assertEquals(String.format("ckpt-%08d/variables", failed - 1), state.latest());
      CheckpointValues.read(run.resolve(state.latest()).toString());
    }
    assertFalse(Files.exists(run.resolve(String.format("ckpt-%08d", failed))),
        "no checkpoint of the diverged step");
  }

  /**
   * Both learning rates at 1e4: D's loss jumps to ~3000 and creeps there, finite (measured on
   * tiny/lres); the watchdog's plateau check stops the run, keeping the previous checkpoint.
   */
  @Test
  void aRunDivergingWhileFiniteStopsOnTheWatchdogKeepingItsLastCheckpoint(@TempDir Path dir)
      throws Exception {
    Path config = dir.resolve("diverging.pbtxt");
    Files.writeString(config, Files.readString(Path.of("../configs/tiny/lres.pbtxt"))
        .replaceAll("learning_rate: [0-9e.-]+", "learning_rate: 1e4"));
    Path run = dir.resolve("run");
    Stderr r = Stderr.capture(() -> TrainCommandTest.train("--stage=lres", "--config=" + config,
        "--out=" + run, TrainCommandTest.DATA, "--steps=200", "--batch=4",
        "--checkpoint-every=1", "--sample-every=1000", "--divergence-plateau=10",
        "--stop-on-divergence"));
    assertEquals(1, r.exit(), r.text());
    assertTrue(r.text().matches("(?s)train: error: step \\d+: D loss stuck at \\d+\\.\\d+ for 10 "
        + "iterations.*--stop-on-divergence.*"), r.text());
    long failed = Long.parseLong(r.text().replaceAll("(?s).*step (\\d+):.*", "$1"));
    assertEquals(String.format("ckpt-%08d/variables", failed - 1),
        CheckpointState.read(run).orElseThrow().latest());
    assertFalse(Files.exists(run.resolve(String.format("ckpt-%08d", failed))));
  }
}
