package io.vidgan.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Runs a {@code bin/} command as its own process (its JVM settings are its own: the bench's
 * {@code VIDGAN_JAVA_OPTS} is not passed on), output to a log file, failing on a non-zero exit.
 */
final class Subprocess {
  private Subprocess() {}

  /** Runs {@code command}; returns its combined output. */
  static String run(List<String> command, Path logFile) throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(logFile.toFile());
    pb.environment().remove("VIDGAN_JAVA_OPTS");
    int exit = pb.start().waitFor();
    String output = Files.readString(logFile, StandardCharsets.UTF_8);
    if (exit != 0) {
      throw new IOException(String.join(" ", command) + " exited with " + exit + "; see "
          + logFile);
    }
    return output;
  }
}
