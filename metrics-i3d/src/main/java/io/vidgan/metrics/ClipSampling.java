package io.vidgan.metrics;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Which frames of a video make a clip: {@code frames} frames, {@code stride} apart, counted in
 * the frames of the video they are read from.
 */
public record ClipSampling(int frames, int stride) {
  public ClipSampling {
    checkArgument(frames >= 1 && stride >= 1, "a clip needs frames >= 1 and stride >= 1, got %s"
        + " and %s", frames, stride);
  }

  /** Frames of the video a clip covers: {@code (frames - 1) * stride + 1}. */
  public int span() {
    return (frames - 1) * stride + 1;
  }

  /**
   * Real clips that match generated ones in frame rate. Generated videos show every {@code
   * generatedStride}-th frame of the native footage the model was trained on, the real dataset
   * every {@code dataStride}-th: the real clip then reads every {@code stride * generatedStride /
   * dataStride}-th dataset frame.
   *
   * @throws IllegalArgumentException naming both rates if the real data is too coarse (or not a
   *     divisor) to match the generated rate
   */
  public ClipSampling forRealData(int generatedStride, int dataStride) {
    checkArgument(generatedStride >= 1 && dataStride >= 1, "strides must be >= 1, got %s and %s",
        generatedStride, dataStride);
    if (generatedStride % dataStride != 0) {
      throw new IllegalArgumentException("the generated videos have frame stride "
          + generatedStride + " and the real data frame stride " + dataStride + " (in frames of"
          + " the footage the model was trained on): real clips cannot be read at the generated"
          + " frame rate, whose stride must be a multiple of the data's");
    }
    return new ClipSampling(frames, stride * (generatedStride / dataStride));
  }
}
