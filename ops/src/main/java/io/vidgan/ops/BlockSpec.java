package io.vidgan.ops;

import static com.google.common.base.Preconditions.checkNotNull;

/**
 * One residual block of an architecture table, the way BigGAN's {@code G_arch}/{@code D_arch}
 * list them: {@code in -> out} channels, its 3x3 (x3) convolution, and what it does to height and
 * width.
 */
public record BlockSpec(int in, int out, ConvFactory conv, SpatialResample resample) {
  public BlockSpec {
    LayerFactory.checkPositive("in", in);
    LayerFactory.checkPositive("out", out);
    checkNotNull(conv, "conv");
    checkNotNull(resample, "resample");
  }

  /**
   * Whether the block changes the width or the resolution, so its shortcut is a learnable 1x1
   * conv (BigGAN's {@code learnable_sc}) rather than the identity.
   */
  public boolean learnableShortcut() {
    return in != out || resample != SpatialResample.NONE;
  }
}
