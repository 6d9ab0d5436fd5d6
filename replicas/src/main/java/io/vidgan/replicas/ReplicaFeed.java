package io.vidgan.replicas;

import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One replica's inputs for one run. The caller owns (and closes) the tensors.
 *
 * @param real {@code [b, T, H, W, 3]} in [-1, 1]
 * @param labels {@code [b]}, or null for unconditional stages
 * @param lowRes {@code [b, T', H', W', 3]} for super-resolution stages, else null
 */
public record ReplicaFeed(TFloat32 real, TInt32 labels, TFloat32 lowRes) {}
