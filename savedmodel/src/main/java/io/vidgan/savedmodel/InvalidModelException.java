package io.vidgan.savedmodel;

/**
 * A directory that is not a usable exported model: missing, not a SavedModel, without its vidgan
 * manifest, or lacking a signature. The message names the directory and what is wrong.
 */
public final class InvalidModelException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public InvalidModelException(String message) {
    super(message);
  }

  public InvalidModelException(String message, Throwable cause) {
    super(message, cause);
  }
}
