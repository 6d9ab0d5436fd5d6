package io.vidgan.data;

/**
 * The training streams the trainer and the metrics read: one {@link BatchStream} per replica,
 * deterministic given {@code (seed, replica, position)}, resumable exactly from a saved position,
 * with disjoint shards of the videos per replica within an epoch and a new shuffle every epoch
 * ({@link ReplicaShard}).
 *
 * <pre>
 * try (VideoDataset data = Datasets.open("builtin", false);
 *     BatchStream s = TrainingData.clips(data, ClipSpec.of(16, 2, 64, 64),
 *         new ReplicaStream(8, replica, 8, 1, 0))) {
 *   Batch b = s.next();   // b.video(): float [8, 16, 64, 64, 3] in [-1, 1]
 * }
 * </pre>
 */
public final class TrainingData {
  private TrainingData() {}

  /** Clips for an {@code lres} stage, prefetched with {@link Prefetch#defaults()}. */
  public static BatchStream clips(VideoDataset dataset, ClipSpec spec, ReplicaStream stream) {
    return clips(dataset, spec, stream, Prefetch.defaults());
  }

  /** Clips for an {@code lres} stage: {@code stream}'s batches. */
  public static BatchStream clips(VideoDataset dataset, ClipSpec spec, ReplicaStream stream,
      Prefetch prefetch) {
    return stream(dataset, ExampleRecipe.of(spec), stream, prefetch);
  }

  /** Window pairs for an {@code sres} stage, prefetched with {@link Prefetch#defaults()}. */
  public static BatchStream windowPairs(VideoDataset dataset, WindowPairSpec spec,
      ReplicaStream stream) {
    return windowPairs(dataset, spec, stream, Prefetch.defaults());
  }

  /** Window pairs for an {@code sres} stage: {@code stream}'s batches. */
  public static BatchStream windowPairs(VideoDataset dataset, WindowPairSpec spec,
      ReplicaStream stream, Prefetch prefetch) {
    return stream(dataset, ExampleRecipe.of(spec), stream, prefetch);
  }

  private static BatchStream stream(VideoDataset dataset, ExampleRecipe recipe,
      ReplicaStream stream, Prefetch prefetch) {
    return new BatchStream(new ExampleBatches(dataset, recipe, stream), stream.start(), prefetch);
  }
}
