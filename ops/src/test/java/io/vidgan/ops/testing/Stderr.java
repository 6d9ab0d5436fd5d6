package io.vidgan.ops.testing;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.function.IntSupplier;

/**
 * Runs something in-process with {@code System.err} captured (and echoed afterwards), for tests
 * of what a command prints on failure.
 *
 * @param exit what the run returned (a command's exit code)
 * @param text everything printed on {@code System.err} meanwhile
 */
public record Stderr(int exit, String text) {
  public static synchronized Stderr capture(IntSupplier run) {
    PrintStream saved = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      int exit = run.getAsInt();
      return new Stderr(exit, captured.toString(StandardCharsets.UTF_8));
    } finally {
      System.setErr(saved);
      saved.print(captured.toString(StandardCharsets.UTF_8));
    }
  }
}
