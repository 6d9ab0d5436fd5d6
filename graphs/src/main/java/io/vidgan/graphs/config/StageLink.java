package io.vidgan.graphs.config;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How a super-resolution stage sits on the stage below it (HVG §3, SSW-GAN §3): it upsamples
 * that stage's frames, so its low-res view must have their size, and a contiguous window of the
 * video below must be at the scale of its low-res views, {@code below.frame_stride ==
 * frame_stride * time_factor}. Training on a stage below ({@code StageBelow}) and chaining stages
 * for export ({@code StageChain}) both hold stages to this one rule.
 */
public final class StageLink {
  private StageLink() {}

  /** The frame stride the stage below {@code above} makes its videos at. */
  public static int strideBelow(StageConfig above) {
    return above.getFrameStride() * above.getLowRes().getTimeFactor();
  }

  /**
   * Checks that {@code above} upsamples what {@code below} makes: a super-resolution stage with
   * the same classes, whose low-res frames are {@code below}'s frames at {@code below}'s stride.
   *
   * @throws IllegalArgumentException naming both stages
   */
  public static void check(StageConfig below, StageConfig above) {
    checkArgument(above.getKind() == StageConfig.Kind.SUPER_RES,
        "'%s' above '%s' must be SUPER_RES, got %s", above.getName(), below.getName(),
        above.getKind());
    checkArgument(above.getNumClasses() == below.getNumClasses(),
        "'%s' has %s classes, '%s' below it %s", above.getName(), above.getNumClasses(),
        below.getName(), below.getNumClasses());
    VideoShape in = StageConfigs.lowResShape(above);
    VideoShape made = below.getVideo();
    checkArgument(in.getHeight() == made.getHeight() && in.getWidth() == made.getWidth(),
        "'%s' upsamples %sx%s frames but '%s' below it makes %sx%s", above.getName(),
        in.getHeight(), in.getWidth(), below.getName(), made.getHeight(), made.getWidth());
    checkArgument(below.getFrameStride() == strideBelow(above),
        "'%s' (frame_stride %s, time_factor %s) upsamples videos at frame_stride %s, but '%s' "
            + "below it has frame_stride %s", above.getName(), above.getFrameStride(),
        above.getLowRes().getTimeFactor(), strideBelow(above), below.getName(),
        below.getFrameStride());
  }
}
