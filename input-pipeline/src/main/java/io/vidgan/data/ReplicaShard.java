package io.vidgan.data;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Which video each example of one replica's stream comes from. Epoch {@code e} shuffles the whole
 * dataset with key {@code (seed, e)}, the same order on every replica; replica {@code r} of
 * {@code R} takes positions {@code r, r + R, r + 2R, ...} of it, so within an epoch the replicas
 * see disjoint videos and together cover {@code R * floor(size / R)} of them (the remainder differs
 * every epoch). Each replica shuffles independently in effect, as DVD-GAN App. B.1 describes.
 */
final class ReplicaShard {
  private final int size;
  private final int replica;
  private final int replicas;
  private final long seed;
  private final int perEpoch;

  ReplicaShard(int size, int replica, int replicas, long seed) {
    checkArgument(replicas >= 1 && replica >= 0 && replica < replicas,
        "replica %s out of [0, %s)", replica, replicas);
    checkArgument(size >= replicas, "the dataset has %s videos, fewer than the %s replicas",
        size, replicas);
    this.size = size;
    this.replica = replica;
    this.replicas = replicas;
    this.seed = seed;
    this.perEpoch = size / replicas;
  }

  /** Examples per epoch of this replica's stream. */
  int perEpoch() {
    return perEpoch;
  }

  /**
   * The dataset index of the example at {@code position} of the stream; attempt {@code a > 0}
   * stands in for a bad video with the {@code a}-th next video of the same replica and epoch.
   */
  int video(long position, int attempt) {
    long epoch = position / perEpoch;
    int slot = (int) ((position % perEpoch + attempt) % perEpoch);
    return new ShuffleOrder(size, Seeds.mix(seed, epoch)).at(replica + replicas * slot);
  }
}
