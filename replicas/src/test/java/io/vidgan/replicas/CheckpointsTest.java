package io.vidgan.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vidgan.ops.io.CheckpointState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

  @Test
  void withoutAnIndexNoCheckpointDirectoryIsComplete(@TempDir Path run) throws Exception {
    Files.createDirectories(run.resolve("ckpt-00000001"));
    new Checkpoints(run, 3).removeUnlisted();
    try (Stream<Path> left = Files.list(run)) {
      assertEquals(0, left.count());
    }
  }
}
