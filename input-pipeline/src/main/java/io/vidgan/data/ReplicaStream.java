package io.vidgan.data;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Which stream of a data-parallel run one replica reads, and where it starts: batch {@code i} of
 * it is a pure function of the dataset, the spec and these ({@link TrainingData}).
 *
 * @param batchPerReplica examples per batch {@code B}
 * @param replica this replica, in {@code [0, replicas)}
 * @param replicas the run's replicas, each reading its own shard of every epoch ({@link
 *     ReplicaShard})
 * @param seed the run's data seed; replicas share it
 * @param start batches already consumed (0 for a new run, the saved {@link
 *     BatchStream#position()} to resume)
 */
public record ReplicaStream(int batchPerReplica, int replica, int replicas, long seed,
    long start) {
  public ReplicaStream {
    checkArgument(batchPerReplica >= 1, "batch per replica must be >= 1, got %s",
        batchPerReplica);
    checkArgument(replicas >= 1 && replica >= 0 && replica < replicas,
        "replica %s out of [0, %s)", replica, replicas);
    checkArgument(start >= 0, "start position must be >= 0, got %s", start);
  }

  /** The whole dataset as one stream from its start (evaluation, sample inputs). */
  public static ReplicaStream whole(int batch, long seed) {
    return new ReplicaStream(batch, 0, 1, seed, 0);
  }

  /** The stream of the same run that replica {@code other} reads, starting at {@code from}. */
  public ReplicaStream of(int other, long from) {
    return new ReplicaStream(batchPerReplica, other, replicas, seed, from);
  }
}
