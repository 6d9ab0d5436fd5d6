package io.vidgan.data;

import java.io.IOException;

/** A dataset file or record that cannot be used; the message names it and says what is wrong. */
public class DatasetException extends IOException {
  private static final long serialVersionUID = 1L;

  public DatasetException(String where, String problem) {
    super(where + ": " + problem);
  }

  public DatasetException(String where, String problem, Throwable cause) {
    super(where + ": " + problem, cause);
  }
}
