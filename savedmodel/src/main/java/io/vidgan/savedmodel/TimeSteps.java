package io.vidgan.savedmodel;

import java.util.List;

/**
 * Converts between a batch of videos {@code [B, T, H, W, 3]} and its time steps, each {@code [B,
 * H, W, 3]} (what a {@link FrameSink} receives), all row-major.
 */
final class TimeSteps {
  private TimeSteps() {}

  /**
   * Time step {@code t} of {@code video}.
   *
   * @param frameSize {@code H * W * 3}
   */
  static float[] step(float[] video, int batch, int frames, int frameSize, int t) {
    float[] out = new float[batch * frameSize];
    for (int b = 0; b < batch; b++) {
      System.arraycopy(video, (b * frames + t) * frameSize, out, b * frameSize, frameSize);
    }
    return out;
  }

  /** The videos {@code [B, steps.size(), H, W, 3]} made of consecutive time steps. */
  static float[] stack(List<float[]> steps, int batch, int frameSize) {
    int frames = steps.size();
    float[] out = new float[batch * frames * frameSize];
    for (int t = 0; t < frames; t++) {
      for (int b = 0; b < batch; b++) {
        System.arraycopy(steps.get(t), b * frameSize, out, (b * frames + t) * frameSize,
            frameSize);
      }
    }
    return out;
  }
}
