package io.vidgan.replicas;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/** {@code System.err} redirected to memory until closed. */
final class StandardError implements AutoCloseable {
  private final ByteArrayOutputStream captured = new ByteArrayOutputStream();
  private final PrintStream original = System.err;

  static StandardError capture() {
    StandardError e = new StandardError();
    System.setErr(new PrintStream(e.captured, true, StandardCharsets.UTF_8));
    return e;
  }

  String text() {
    return captured.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    System.setErr(original);
  }
}
