package io.vidgan.graphs.config;

/** A stage config that cannot be built; the message names the file and the field. */
public final class InvalidConfigException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public InvalidConfigException(String message) {
    super(message);
  }
}
