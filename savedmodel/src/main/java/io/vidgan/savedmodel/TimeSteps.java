package io.vidgan.savedmodel;

import java.util.List;

/**
 * Converts between a batch of videos {@code [B, T, H, W, 3]} and its time steps, each {@code [B,
 * H, W, 3]} (what a {@link FrameSink} receives), all row-major.
 */
final class TimeSteps {
  private TimeSteps() {}

  /**
   * Time step {@code t} of videos {@code [first, first + batch)} of {@code video}.
   *
   * @param frameSize {@code H * W * 3}
   */
  static float[] step(float[] video, int first, int batch, int frames, int frameSize, int t) {
    float[] out = new float[batch * frameSize];
    for (int b = 0; b < batch; b++) {
      System.arraycopy(video, ((first + b) * frames + t) * frameSize, out, b * frameSize,
          frameSize);
    }
    return out;
  }

  /** The videos {@code [B, steps.size(), H, W, 3]} made of consecutive time steps. */
  static float[] stack(List<float[]> steps, int batch, int frameSize) {
    float[] out = new float[batch * steps.size() * frameSize];
    stack(steps, batch, frameSize, out, 0);
    return out;
  }

  /** Writes {@link #stack} into {@code out} as videos {@code [first, first + batch)}. */
  static void stack(List<float[]> steps, int batch, int frameSize, float[] out, int first) {
    int frames = steps.size();
    for (int t = 0; t < frames; t++) {
      for (int b = 0; b < batch; b++) {
        System.arraycopy(steps.get(t), b * frameSize, out,
            ((first + b) * frames + t) * frameSize, frameSize);
      }
    }
  }
}
