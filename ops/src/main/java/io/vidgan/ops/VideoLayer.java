package io.vidgan.ops;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** A layer mapping a video {@code [B, T, H, W, C_in]} to a video {@code [B, T, H', W', C_out]}. */
@FunctionalInterface
public interface VideoLayer {
  /**
   * @param tf the caller's scope: ops go there (its device, its name prefix)
   * @param x {@code [B, T, H, W, C_in]}
   */
  Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x);

  /**
   * Frames on each side of an output frame that it depends on: 0 for per-frame layers, {@code
   * (kt - 1) / 2} for a temporal kernel {@code kt} (SAME padding, stride 1).
   */
  default int temporalRadius() {
    return 0;
  }
}
