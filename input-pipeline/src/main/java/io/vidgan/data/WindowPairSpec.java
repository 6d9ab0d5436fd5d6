package io.vidgan.data;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Locale;

/**
 * What a super-resolution ({@code sres}) stage trains on: a high-res window of {@code frames}
 * frames {@code frameStride} apart at {@code height x width}, and its low-res view made by {@link
 * Downsampling} with {@code spatialFactor} in space and {@code temporalFactor} in time (low-res
 * frame {@code t} is high-res frame {@code temporalFactor * t}), aligned frame by frame.
 * SSW-GAN §3.2 trains on such windows, so cost does not grow with video length.
 *
 * <p>The window is cut from the video resized to the base resolution (by default the window's
 * own resolution; a larger base serves deeper hierarchies).
 *
 * <pre>
 * WindowPairSpec.of(12, 4, 128, 128, 4, 2, Downsampling.NEAREST)  // 32x32/6 -> 128x128/12
 * </pre>
 */
public final class WindowPairSpec {
  private final ClipSpec window;
  private final int spatialFactor;
  private final int temporalFactor;

  private WindowPairSpec(ClipSpec window, int spatialFactor, int temporalFactor) {
    checkArgument(spatialFactor >= 1 && window.height() % spatialFactor == 0
            && window.width() % spatialFactor == 0,
        "window %sx%s is not divisible by the spatial factor %s", window.height(),
        window.width(), spatialFactor);
    checkArgument(temporalFactor >= 1 && window.frames() % temporalFactor == 0,
        "window of %s frames is not divisible by the temporal factor %s", window.frames(),
        temporalFactor);
    this.window = window;
    this.spatialFactor = spatialFactor;
    this.temporalFactor = temporalFactor;
  }

  /**
   * Windows at {@code height x width} (also the base resolution) with low-res views reduced by
   * {@code op}.
   */
  public static WindowPairSpec of(int frames, int frameStride, int height, int width,
      int spatialFactor, int temporalFactor, Downsampling op) {
    return new WindowPairSpec(ClipSpec.of(frames, frameStride, height, width)
        .withBase(height, width, op), spatialFactor, temporalFactor);
  }

  /** The same pairs, with windows reduced by the operator from a larger base resolution. */
  public WindowPairSpec withBase(int baseHeight, int baseWidth) {
    return new WindowPairSpec(window.withBase(baseHeight, baseWidth, window.downsampling()),
        spatialFactor, temporalFactor);
  }

  /** The high-res window: frames, stride, resolution, base and operator. */
  public ClipSpec window() {
    return window;
  }

  public int spatialFactor() {
    return spatialFactor;
  }

  public int temporalFactor() {
    return temporalFactor;
  }

  public int lowFrames() {
    return window.frames() / temporalFactor;
  }

  public int lowHeight() {
    return window.height() / spatialFactor;
  }

  public int lowWidth() {
    return window.width() / spatialFactor;
  }

  /**
   * The clips of the stage below, {@code frames} long: stride {@code frameStride *
   * temporalFactor}, resolution of the low-res view, same base and operator. Its clips and these
   * low-res views are the same function of the video: bit for bit with {@code NEAREST} or when
   * the base is the window's resolution; with {@code AREA} from a larger base, a mean of block
   * means may differ from the one-step mean in the last float bit.
   */
  public ClipSpec stageBelow(int frames) {
    return ClipSpec.of(frames, window.frameStride() * temporalFactor, lowHeight(), lowWidth())
        .withBase(window.baseHeight(), window.baseWidth(), window.downsampling());
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "window pairs: %s; low-res /%d space, /%d time", window,
        spatialFactor, temporalFactor);
  }
}
