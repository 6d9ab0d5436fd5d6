package io.vidgan.savedmodel;

import java.util.HashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The stitching rule written out plainly, as the tests' ground truth: high-res frame {@code j}
 * comes from low-res frame {@code t = j / timeFactor}, upsampled by the window (of the plan's
 * starts) whose centre is nearest to {@code t}, the earlier one on ties.
 */
final class Stitching {
  private Stitching() {}

  /** Index of the window that makes low-res frame {@code t}. */
  static int owner(WindowPlan plan, int t) {
    int best = 0;
    double bestDistance = Double.MAX_VALUE;
    for (int k = 0; k < plan.windows().size(); k++) {
      double centre = plan.windows().get(k).start() + (plan.window() - 1) / 2.0;
      if (Math.abs(t - centre) < bestDistance) {
        bestDistance = Math.abs(t - centre);
        best = k;
      }
    }
    return best;
  }

  /**
   * @param low {@code [B, plan.length, h, w, 3]}
   * @param upsample {@code [B, window, h, w, 3] -> [B, window * timeFactor, H, W, 3]}
   * @return {@code [B, plan.length * timeFactor, H, W, 3]}
   */
  static float[] reference(WindowPlan plan, int timeFactor, float[] low, int batch,
      int lowFrame, int highFrame, UnaryOperator<float[]> upsample) {
    int length = plan.length();
    int w = plan.window();
    int out = length * timeFactor;
    float[] video = new float[batch * out * highFrame];
    Map<Integer, float[]> made = new HashMap<>();
    for (int j = 0; j < out; j++) {
      int k = owner(plan, j / timeFactor);
      int start = plan.windows().get(k).start();
      float[] up = made.computeIfAbsent(k, key -> {
        float[] window = new float[batch * w * lowFrame];
        for (int b = 0; b < batch; b++) {
          System.arraycopy(low, (b * length + start) * lowFrame, window, b * w * lowFrame,
              w * lowFrame);
        }
        return upsample.apply(window);
      });
      int local = (j / timeFactor - start) * timeFactor + j % timeFactor;
      for (int b = 0; b < batch; b++) {
        System.arraycopy(up, (b * w * timeFactor + local) * highFrame, video,
            (b * out + j) * highFrame, highFrame);
      }
    }
    return video;
  }
}
