package io.vidgan.data;

import java.io.IOException;

/**
 * A dataset file, record or video that cannot be used; the message names it and says what is
 * wrong. With {@code --skip-bad} these are skipped and counted ({@link BadInputs}); every other
 * failure (a bug, a full disk) still stops the program.
 */
public class DatasetException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String where;

  public DatasetException(String where, String problem) {
    super(where + ": " + problem);
    this.where = where;
  }

  public DatasetException(String where, String problem, Throwable cause) {
    super(where + ": " + problem, cause);
    this.where = where;
  }

  /** The file, record or video the problem is about. */
  public String where() {
    return where;
  }
}
