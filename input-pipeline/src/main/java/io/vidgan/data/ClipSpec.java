package io.vidgan.data;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Locale;

/**
 * What a low-resolution ({@code lres}) stage trains on: clips of {@code frames} frames taken
 * {@code frameStride} apart from a random start, first resized to the <em>base resolution</em>
 * (shorter side, antialiased bilinear, random crop: DVD-GAN App. B.1), then reduced to the stage
 * resolution by the {@link Downsampling} operator. With the base resolution set to the resolution
 * of the {@code sres} stage above, these clips have exactly the distribution of that stage's
 * low-res views (see {@link WindowPairSpec#stageBelow}).
 *
 * <pre>
 * ClipSpec.of(25, 8, 32, 32).withBase(128, 128, Downsampling.NEAREST)  // SSW-GAN stage 1
 * </pre>
 */
public final class ClipSpec {
  private final int frames;
  private final int frameStride;
  private final int height;
  private final int width;
  private final int baseHeight;
  private final int baseWidth;
  private final Downsampling downsampling;

  private ClipSpec(int frames, int frameStride, int height, int width, int baseHeight,
      int baseWidth, Downsampling downsampling) {
    checkArgument(frames >= 1, "clip frames must be >= 1, got %s", frames);
    checkArgument(frameStride >= 1, "frame stride must be >= 1, got %s", frameStride);
    checkArgument(height >= 1 && width >= 1, "bad stage resolution %sx%s", height, width);
    checkArgument(baseHeight % height == 0 && baseWidth % width == 0
            && baseHeight / height == baseWidth / width,
        "base resolution %sx%s is not the stage resolution %sx%s times one integer factor",
        baseHeight, baseWidth, height, width);
    this.frames = frames;
    this.frameStride = frameStride;
    this.height = height;
    this.width = width;
    this.baseHeight = baseHeight;
    this.baseWidth = baseWidth;
    this.downsampling = downsampling;
  }

  /** Clips resized straight to {@code height x width} (base resolution = stage resolution). */
  public static ClipSpec of(int frames, int frameStride, int height, int width) {
    return new ClipSpec(frames, frameStride, height, width, height, width, Downsampling.NEAREST);
  }

  /** The same clips, resized to {@code baseHeight x baseWidth} first and reduced by {@code op}. */
  public ClipSpec withBase(int baseHeight, int baseWidth, Downsampling op) {
    return new ClipSpec(frames, frameStride, height, width, baseHeight, baseWidth, op);
  }

  public int frames() {
    return frames;
  }

  public int frameStride() {
    return frameStride;
  }

  public int height() {
    return height;
  }

  public int width() {
    return width;
  }

  public int baseHeight() {
    return baseHeight;
  }

  public int baseWidth() {
    return baseWidth;
  }

  public Downsampling downsampling() {
    return downsampling;
  }

  /** Base resolution / stage resolution. */
  public int spatialFactor() {
    return baseHeight / height;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "clips %d frames stride %d at %dx%d (base %dx%d, %s)",
        frames, frameStride, height, width, baseHeight, baseWidth, downsampling);
  }
}
