package io.vidgan.data;

import io.vidgan.data.io.PixelValues;

/**
 * How one training example is made from decoded frames, for clips and window pairs alike: resize
 * to the base resolution and crop ({@link CoverResize}), map to {@code [-1, 1]}, reduce to the
 * output resolution, and for window pairs derive the low-res view from that output.
 */
final class ExampleRecipe {
  private final ClipSpec clip;
  private final int lowSpatial;
  private final int lowTemporal;

  private ExampleRecipe(ClipSpec clip, int lowSpatial, int lowTemporal) {
    this.clip = clip;
    this.lowSpatial = lowSpatial;
    this.lowTemporal = lowTemporal;
  }

  static ExampleRecipe of(ClipSpec spec) {
    return new ExampleRecipe(spec, 0, 0);
  }

  static ExampleRecipe of(WindowPairSpec spec) {
    return new ExampleRecipe(spec.window(), spec.spatialFactor(), spec.temporalFactor());
  }

  boolean hasLowRes() {
    return lowSpatial > 0;
  }

  int frames() {
    return clip.frames();
  }

  int stride() {
    return clip.frameStride();
  }

  /** {@code [batch, T, H, W, 3]}. */
  long[] shape(int batch) {
    return new long[] {batch, clip.frames(), clip.height(), clip.width(), 3};
  }

  /** {@code [batch, T/t, H/s, W/s, 3]}; only with a low-res view. */
  long[] lowShape(int batch) {
    return new long[] {batch, clip.frames() / lowTemporal, clip.height() / lowSpatial,
        clip.width() / lowSpatial, 3};
  }

  /** Floats in one example. */
  int size() {
    return clip.frames() * clip.height() * clip.width() * 3;
  }

  /** Floats in one low-res view. */
  int lowSize() {
    return hasLowRes() ? size() / (lowTemporal * lowSpatial * lowSpatial) : 0;
  }

  /**
   * Makes one example from its {@link #frames()} decoded frames.
   *
   * @param cropY where the crop falls along the rows, in {@code [0, 1)}
   * @param cropX the same along the columns
   */
  void make(Frames decoded, double cropY, double cropX, float[] out, int outOffset, float[] low,
      int lowOffset) {
    float[] base = CoverResize.apply(decoded, clip.baseHeight(), clip.baseWidth(), cropY, cropX);
    for (int i = 0; i < base.length; i++) {
      base[i] = PixelValues.toUnit(base[i]);
    }
    clip.downsampling().apply(base, 0, clip.frames(), clip.baseHeight(), clip.baseWidth(),
        clip.spatialFactor(), 1, out, outOffset);
    if (hasLowRes()) {
      clip.downsampling().apply(out, outOffset, clip.frames(), clip.height(), clip.width(),
          lowSpatial, lowTemporal, low, lowOffset);
    }
  }
}
