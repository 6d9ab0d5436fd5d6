package io.vidgan.savedmodel;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;

/**
 * Where a super-resolution stage is applied along a longer low-res video, and which of its output
 * frames are kept: the stitching rule of long-video generation.
 *
 * <p>HVG and SSW-GAN train a super-resolution stage on windows and, at test time, apply it
 * "convolutionally in time" over the whole low-res video (SSW-GAN §3.2, App. A). Our stages keep
 * per-frame batch-norm statistics for exactly one window, so the stage is slid over the video in
 * windows instead (a deviation). Windows of {@code window} low-res frames start every {@code
 * stride} frames ({@code 0, s, 2s, ...}); the last one is moved back to end at the last frame.
 * Every low-res frame {@code t} belongs to the window whose centre {@code start + (window - 1) /
 * 2} is nearest (ties go to the earlier window), and its {@code timeFactor} high-res frames are
 * taken from that window. Each frame is thus made once, by the window that sees the most context
 * on both sides of it; with {@code stride == window} the windows do not overlap and every window
 * keeps all its frames. The same noise {@code z} is used for every window of a video.
 *
 * <pre>{@code
 * length 10, window 4, stride 2: windows start at 0, 2, 4, 6; keep [0,3) [3,5) [5,7) [7,10)
 * }</pre>
 *
 * @see <a href="https://arxiv.org/abs/2106.02719">Castrejon et al., 2021, Hierarchical Video
 *     Generation for Complex Data</a>
 */
public final class WindowPlan {
  /**
   * One placement of the stage.
   *
   * @param start first low-res frame of the window
   * @param keepFrom first low-res frame whose high-res frames are taken from this window
   * @param keepTo one past the last such frame
   */
  public record Window(int start, int keepFrom, int keepTo) {}

  private final int length;
  private final int window;
  private final List<Window> windows;

  private WindowPlan(int length, int window, List<Window> windows) {
    this.length = length;
    this.window = window;
    this.windows = List.copyOf(windows);
  }

  /**
   * @param length low-res frames in the video
   * @param window low-res frames per window (the stage's input length)
   * @param stride low-res frames between window starts, {@code 1 <= stride <= window}
   */
  public static WindowPlan of(int length, int window, int stride) {
    checkArgument(window >= 1, "window must be positive, got %s", window);
    checkArgument(stride >= 1 && stride <= window, "stride must be in [1, window %s], got %s",
        window, stride);
    checkArgument(length >= window, "a video of %s frames is shorter than the window (%s)",
        length, window);
    List<Integer> starts = new ArrayList<>();
    for (int s = 0; s < length - window; s += stride) {
      starts.add(s);
    }
    starts.add(length - window);
    List<Window> windows = new ArrayList<>();
    int from = 0;
    for (int k = 0; k < starts.size(); k++) {
      int start = starts.get(k);
      // Frames up to the midpoint of this centre and the next one are nearer to this centre.
      int to = k + 1 < starts.size()
          ? Math.floorDiv(start + starts.get(k + 1) + window - 1, 2) + 1 : length;
      windows.add(new Window(start, from, to));
      from = to;
    }
    return new WindowPlan(length, window, windows);
  }

  /** The stride used when none is chosen: half a window, rounded up (each frame made once). */
  public static int defaultStride(int window) {
    return (window + 1) / 2;
  }

  /** Low-res frames in the video. */
  public int length() {
    return length;
  }

  /** Low-res frames per window. */
  public int window() {
    return window;
  }

  /** The windows in order; their kept ranges tile {@code [0, length)}. */
  public List<Window> windows() {
    return windows;
  }

  /** Low-res frame indices of every window, {@code [windows][window]}, for an in-graph gather. */
  public int[][] frameIndices() {
    int[][] indices = new int[windows.size()][window];
    for (int k = 0; k < indices.length; k++) {
      for (int i = 0; i < window; i++) {
        indices[k][i] = windows.get(k).start() + i;
      }
    }
    return indices;
  }

  /**
   * For every high-res frame of the stitched video ({@code length * timeFactor} of them), its
   * index in the concatenation of all windows' outputs ({@code window * timeFactor} frames each).
   */
  public int[] outputIndices(int timeFactor) {
    checkArgument(timeFactor >= 1, "timeFactor must be positive, got %s", timeFactor);
    int[] indices = new int[length * timeFactor];
    for (int k = 0; k < windows.size(); k++) {
      Window w = windows.get(k);
      for (int t = w.keepFrom(); t < w.keepTo(); t++) {
        for (int r = 0; r < timeFactor; r++) {
          indices[t * timeFactor + r] = (k * window + t - w.start()) * timeFactor + r;
        }
      }
    }
    return indices;
  }
}
