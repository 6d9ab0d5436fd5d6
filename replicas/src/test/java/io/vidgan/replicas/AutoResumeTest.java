package io.vidgan.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.graphs.RunDirectory;
import io.vidgan.ops.io.CheckpointState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/train --auto-resume}: the command that started a run continues it when repeated (as
 * a supervisor repeats it), with the run's settings checked as {@code --resume} checks them.
 */
class AutoResumeTest {
  private static int train(Path out, int steps, String... more) {
    List<String> a = TrainCommandTest.args(out, "lres", steps, "--checkpoint-every=1",
        "--sample-every=100", "--auto-resume");
    a.addAll(List.of(more));
    return TrainCommandTest.train(a.toArray(new String[0]));
  }

  @Test
  void theSameCommandStartsARunAndThenContinuesIt(@TempDir Path dir) throws Exception {
    Path run = dir.resolve("run");
    assertEquals(0, train(run, 1));
    assertEquals(0, train(run, 2));
    assertEquals(List.of("ckpt-00000001/variables", "ckpt-00000002/variables"),
        CheckpointState.read(run).orElseThrow().prefixes());
    assertTrue(Files.readString(run.resolve("ckpt-00000002/trainer_state.pbtxt"))
        .contains("step: 2"));
    assertEquals(2, train(run, 3, "--seed=9"), "a setting that changes what is trained");
    assertEquals(2, TrainCommandTest.train("--stage=lres", "--auto-resume"), "no --out");
  }

  /** A start killed between writing config.pbtxt and trainer.pbtxt left no run: start again. */
  @Test
  void aStartKilledWhileWritingItsSettingsStartsAgain(@TempDir Path dir) throws Exception {
    Path run = Files.createDirectories(dir.resolve("run"));
    Files.writeString(run.resolve(RunDirectory.CONFIG), "half written");
    assertFalse(Files.exists(run.resolve(RunDirectory.TRAINER)));
    assertEquals(0, train(run, 1));
    assertEquals("ckpt-00000001/variables", CheckpointState.read(run).orElseThrow().latest());
  }
}
