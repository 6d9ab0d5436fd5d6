package io.vidgan.data;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The training streams the trainer and the metrics read: one {@link BatchStream} per replica,
 * deterministic given {@code (seed, replica, position)}, resumable exactly from a saved position,
 * with disjoint shards of the videos per replica within an epoch and a new shuffle every epoch
 * ({@link ReplicaShard}).
 *
 * <pre>
 * try (VideoDataset data = Datasets.open("builtin", false);
 *     BatchStream s = TrainingData.clips(data, ClipSpec.of(16, 2, 64, 64), 8, replica, 8, 1, 0)) {
 *   Batch b = s.next();   // b.video(): float [8, 16, 64, 64, 3] in [-1, 1]
 * }
 * </pre>
 */
public final class TrainingData {
  private TrainingData() {}

  /** Clips for an {@code lres} stage, prefetched with {@link Prefetch#defaults()}. */
  public static BatchStream clips(VideoDataset dataset, ClipSpec spec, int batchPerReplica,
      int replica, int replicas, long seed, long startPosition) {
    return clips(dataset, spec, batchPerReplica, replica, replicas, seed, startPosition,
        Prefetch.defaults());
  }

  /**
   * Clips for an {@code lres} stage.
   *
   * @param batchPerReplica examples per batch {@code B}
   * @param replica this replica, in {@code [0, replicas)}
   * @param seed the run's data seed; replicas share it
   * @param startPosition batches already consumed (0 for a new run, the saved {@link
   *     BatchStream#position()} to resume)
   */
  public static BatchStream clips(VideoDataset dataset, ClipSpec spec, int batchPerReplica,
      int replica, int replicas, long seed, long startPosition, Prefetch prefetch) {
    return stream(dataset, ExampleRecipe.of(spec), batchPerReplica, replica, replicas, seed,
        startPosition, prefetch);
  }

  /** Window pairs for an {@code sres} stage, prefetched with {@link Prefetch#defaults()}. */
  public static BatchStream windowPairs(VideoDataset dataset, WindowPairSpec spec,
      int batchPerReplica, int replica, int replicas, long seed, long startPosition) {
    return windowPairs(dataset, spec, batchPerReplica, replica, replicas, seed, startPosition,
        Prefetch.defaults());
  }

  /** Window pairs for an {@code sres} stage; parameters as for {@link #clips}. */
  public static BatchStream windowPairs(VideoDataset dataset, WindowPairSpec spec,
      int batchPerReplica, int replica, int replicas, long seed, long startPosition,
      Prefetch prefetch) {
    return stream(dataset, ExampleRecipe.of(spec), batchPerReplica, replica, replicas, seed,
        startPosition, prefetch);
  }

  private static BatchStream stream(VideoDataset dataset, ExampleRecipe recipe,
      int batchPerReplica, int replica, int replicas, long seed, long startPosition,
      Prefetch prefetch) {
    checkArgument(batchPerReplica >= 1, "batch per replica must be >= 1, got %s",
        batchPerReplica);
    return new BatchStream(new ExampleBatches(dataset, recipe, batchPerReplica, replica, replicas,
        seed), startPosition, prefetch);
  }
}
