package io.vidgan.replicas;

/** A loss or gradient became NaN or infinite; the message names the step and the quantity. */
public final class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public TrainingDivergedException(String message) {
    super(message);
  }
}
