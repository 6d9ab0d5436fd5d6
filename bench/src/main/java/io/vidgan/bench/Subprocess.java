package io.vidgan.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Runs a {@code bin/} command as its own process (its JVM settings are its own: the bench's
 * {@code VIDGAN_JAVA_OPTS} is not passed on unless given), output to a log file, failing on a
 * non-zero exit.
 */
final class Subprocess {
  /** The JVM options {@code bin/} commands take from the environment. */
  static final String JAVA_OPTS = "VIDGAN_JAVA_OPTS";

  private Subprocess() {}

  /** Runs {@code command}; returns its combined output. */
  static String run(List<String> command, Path logFile) throws IOException, InterruptedException {
    return run(command, logFile, Map.of());
  }

  /** Runs {@code command} with {@code env} added to its environment; returns its output. */
  static String run(List<String> command, Path logFile, Map<String, String> env)
      throws IOException, InterruptedException {
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(logFile.toFile());
    pb.environment().remove(JAVA_OPTS);
    pb.environment().putAll(env);
    int exit = pb.start().waitFor();
    String output = Files.readString(logFile, StandardCharsets.UTF_8);
    if (exit != 0) {
      throw new IOException(String.join(" ", command) + " exited with " + exit + "; see "
          + logFile);
    }
    return output;
  }
}
