package io.vidgan.replicas;

import java.util.List;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One replica's inputs for one run; closing it frees the tensors.
 *
 * @param real {@code [b, T, H, W, 3]} in [-1, 1]
 * @param labels {@code [b]}, or null for unconditional stages
 * @param lowRes {@code [b, T', H', W', 3]} for super-resolution stages, else null
 */
public record ReplicaFeed(TFloat32 real, TInt32 labels, TFloat32 lowRes)
    implements AutoCloseable {
  @Override
  public void close() {
    real.close();
    if (labels != null) {
      labels.close();
    }
    if (lowRes != null) {
      lowRes.close();
    }
  }

  /** The feeds of all replicas for one run. */
  public record All(List<ReplicaFeed> list) implements AutoCloseable {
    @Override
    public void close() {
      list.forEach(ReplicaFeed::close);
    }
  }
}
