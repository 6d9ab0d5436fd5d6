package io.vidgan.savedmodel;

import io.vidgan.cli.Command;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * A command run in-process: its exit code and what it printed on stderr.
 *
 * @param exit the exit code
 * @param stderr everything printed on stderr
 */
record CommandRun(int exit, String stderr) {
  static synchronized CommandRun of(Command command, String... args) {
    PrintStream saved = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int exit = command.execute(args);
      return new CommandRun(exit, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(saved);
      saved.print(captured.toString(StandardCharsets.UTF_8));
    }
  }
}
