package io.vidgan.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The directories commands own and replace: run directories' checkpoints, export work
 * directories, benchmark scratch space.
 */
public final class FileTrees {
  private FileTrees() {}

  /** Deletes {@code dir} and everything in it, if it exists (children before parents). */
  public static void delete(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
