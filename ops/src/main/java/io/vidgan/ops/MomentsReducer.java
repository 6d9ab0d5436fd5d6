package io.vidgan.ops;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Combines batch-norm moments computed on one replica's part of the batch into the moments of the
 * whole batch (synchronous batch norm, as HVG trains with). The input and output are the stacked
 * first and second raw moments {@code [2, T, C]} ({@code E[x]} and {@code E[x^2]} per frame and
 * channel); raw moments average correctly across equally sized shards, variances do not.
 */
@FunctionalInterface
public interface MomentsReducer {
  /** Keeps the moments of the local batch. */
  MomentsReducer LOCAL = (tf, moments) -> moments;

  /**
   * @param tf the caller's scope (device and name prefix of the replica being built)
   * @param moments {@code [2, T, C]} raw moments of the local batch
   * @return {@code [2, T, C]} raw moments of the global batch
   */
  Operand<TFloat32> reduce(Ops tf, Operand<TFloat32> moments);
}
