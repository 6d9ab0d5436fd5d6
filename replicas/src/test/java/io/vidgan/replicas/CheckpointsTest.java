package io.vidgan.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.ops.Scopes;
import io.vidgan.ops.Variables;
import io.vidgan.ops.io.CheckpointState;
import io.vidgan.replicas.config.TrainerState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;

/** What a kill leaves in a run directory is cleaned up on restart; what the index lists stays. */
class CheckpointsTest {
  @Test
  void removesUnlistedPartialAndTemporaryEntriesAndKeepsListedOnes(@TempDir Path run)
      throws Exception {
    for (String name : List.of("ckpt-00000004", "ckpt-00000005", "ckpt-00000006",
        "ckpt-00000007", ".ckpt-00000008.partial-123", ".partial-samples")) {
      Files.writeString(Files.createDirectories(run.resolve(name)).resolve("variables.index"),
          "x");
    }
    Files.writeString(run.resolve("checkpoint12345.tmp"), "half");
    Files.writeString(run.resolve("config.pbtxt"), "kept");
    Files.createDirectories(run.resolve("samples"));
    CheckpointState.of(List.of("ckpt-00000005/variables", "ckpt-00000006/variables"))
        .write(run);

    new Checkpoints(run, 2).removeUnlisted();

    try (Stream<Path> left = Files.list(run)) {
      assertEquals(Set.of("ckpt-00000005", "ckpt-00000006", "checkpoint", "config.pbtxt",
          "samples"), left.map(p -> p.getFileName().toString()).collect(Collectors.toSet()));
    }
  }

  /**
   * The checkpoint {@code best} names stays listed however old it gets, so neither pruning nor a
   * restart's clean-up deletes it; once {@code best} moves on, it is pruned like any other.
   */
  @Test
  void theBestCheckpointSurvivesPruningUntilAnotherIsBest(@TempDir Path run) throws Exception {
    try (Graph g = new Graph()) {
      Variables.constant(Scopes.root(g), "v", Shape.of(2), 1f);
      try (Session s = new Session(g)) {
        s.initialize();
        Checkpoints checkpoints = new Checkpoints(run, 2);
        Checkpoints.Saved first = checkpoints.save(s::save, state(1));
        checkpoints.markBest(first);
        for (long step = 2; step <= 4; step++) {
          checkpoints.save(s::save, state(step));
        }
        checkpoints.removeUnlisted();
        assertEquals(List.of("ckpt-00000001/variables", "ckpt-00000003/variables",
            "ckpt-00000004/variables"), CheckpointState.read(run).orElseThrow().prefixes());
        assertEquals(run.resolve("ckpt-00000001"), checkpoints.best().orElseThrow());
        assertTrue(Files.isRegularFile(run.resolve("best/variables.index")));
        assertEquals(4, checkpoints.latest().orElseThrow().state().getStep());

        checkpoints.markBest(checkpoints.latest().orElseThrow());
        assertEquals(List.of("ckpt-00000003/variables", "ckpt-00000004/variables"),
            CheckpointState.read(run).orElseThrow().prefixes());
        assertFalse(Files.exists(run.resolve("ckpt-00000001")));
        assertEquals(run.resolve("ckpt-00000004"), checkpoints.best().orElseThrow());
      }
    }
  }

  private static TrainerState state(long step) {
    return TrainerState.newBuilder().setStep(step).build();
  }

  @Test
  void withoutAnIndexNoCheckpointDirectoryIsComplete(@TempDir Path run) throws Exception {
    Files.createDirectories(run.resolve("ckpt-00000001"));
    new Checkpoints(run, 3).removeUnlisted();
    try (Stream<Path> left = Files.list(run)) {
      assertEquals(0, left.count());
    }
  }
}
