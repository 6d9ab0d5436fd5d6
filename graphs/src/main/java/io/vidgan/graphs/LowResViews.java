package io.vidgan.graphs;

import io.vidgan.graphs.config.LowResView;
import io.vidgan.ops.Resample;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The low-res view operator of a super-resolution stage: temporal subsampling (keep frame {@code
 * f*t}) then spatial downsampling, nearest ({@code f*i}) or area (mean of each {@code f x f}
 * block). The input pipeline makes training pairs with exactly this rule.
 */
public final class LowResViews {
  private LowResViews() {}

  /** {@code [B, T, H, W, C] -> [B, T/time_factor, H/space_factor, W/space_factor, C]}. */
  public static Operand<TFloat32> apply(Ops tf, Operand<TFloat32> high, LowResView view) {
    Operand<TFloat32> frames = Resample.subsampleFrames(tf, high, view.getTimeFactor());
    return switch (view.getDownsampling()) {
      case AREA -> Resample.avgPoolSpace(tf, frames, view.getSpaceFactor());
      case NEAREST -> Resample.downsampleSpace(tf, frames, view.getSpaceFactor());
      default -> throw new IllegalArgumentException("unsupported low-res downsampling "
          + view.getDownsampling());
    };
  }
}
