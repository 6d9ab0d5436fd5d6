package io.vidgan.ops.io;

import java.io.IOException;

/**
 * A checkpoint that cannot be used: missing files, a corrupt index, or tensors that do not fit the
 * graph. The message names the checkpoint prefix and the tensor.
 */
public final class CheckpointException extends IOException {
  private static final long serialVersionUID = 1L;

  public CheckpointException(String message) {
    super(message);
  }

  public CheckpointException(String message, Throwable cause) {
    super(message, cause);
  }
}
