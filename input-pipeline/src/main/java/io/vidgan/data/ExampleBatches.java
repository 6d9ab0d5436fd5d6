package io.vidgan.data;

import java.io.IOException;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Builds batch {@code i} of one replica's stream: example {@code j} sits at stream position
 * {@code i * B + j}; its video comes from {@link ReplicaShard}, and its start frame and crop from
 * a random generator seeded by {@code (seed, replica, position, attempt)}. A bad video (too short,
 * damaged) fails the batch, or, when the dataset skips bad inputs, is counted and replaced by the
 * next video of the same shard, the replacement being as deterministic as the rest. A video found
 * bad is remembered and not read again.
 */
final class ExampleBatches implements BatchStream.Source {
  private final VideoDataset dataset;
  private final ExampleRecipe recipe;
  private final ReplicaShard shard;
  private final int batchSize;
  private final int replica;
  private final long seed;
  private final Set<Integer> bad = ConcurrentHashMap.newKeySet();

  ExampleBatches(VideoDataset dataset, ExampleRecipe recipe, ReplicaStream stream) {
    this.dataset = dataset;
    this.recipe = recipe;
    this.shard = new ReplicaShard(dataset.size(), stream.replica(), stream.replicas(),
        stream.seed());
    this.batchSize = stream.batchPerReplica();
    this.replica = stream.replica();
    this.seed = stream.seed();
  }

  @Override
  public Batch make(long index) throws IOException {
    float[] video = new float[batchSize * recipe.size()];
    float[] low = recipe.hasLowRes() ? new float[batchSize * recipe.lowSize()] : null;
    int[] labels = new int[batchSize];
    int[] sources = new int[batchSize];
    for (int j = 0; j < batchSize; j++) {
      long position = index * batchSize + j;
      sources[j] = fill(position, video, j, low, labels);
    }
    return new Batch(index, video, recipe.shape(batchSize), labels, sources, low,
        recipe.hasLowRes() ? recipe.lowShape(batchSize) : null);
  }

  /** Writes example {@code j}, at stream {@code position}; returns the video it came from. */
  private int fill(long position, float[] video, int j, float[] low, int[] labels)
      throws IOException {
    DatasetException last = null;
    for (int attempt = 0; attempt < shard.perEpoch(); attempt++) {
      int source = shard.video(position, attempt);
      if (bad.contains(source)) {
        continue;
      }
      try {
        SplittableRandom random = new SplittableRandom(Seeds.mix(seed, replica, position,
            attempt));
        labels[j] = example(source, random, video, j, low);
        return source;
      } catch (DatasetException e) {
        dataset.badInputs().handle(e);
        bad.add(source);
        last = e;
      }
    }
    throw new DatasetException(dataset.description(), "every video of replica " + replica
        + "'s shard is unusable" + (last == null ? "" : "; last problem: " + last.getMessage()),
        last);
  }

  /** Writes example {@code j} from video {@code source}; returns its label. */
  private int example(int source, SplittableRandom random, float[] video, int j, float[] low)
      throws IOException {
    VideoInfo info = dataset.info(source);
    info.checkFrames(0, recipe.frames(), recipe.stride());
    int start = random.nextInt(info.frames() - VideoInfo.span(recipe.frames(), recipe.stride())
        + 1);
    double cropY = random.nextDouble();
    double cropX = random.nextDouble();
    Frames frames = dataset.read(source, start, recipe.frames(), recipe.stride());
    recipe.make(frames, cropY, cropX, video, j * recipe.size(), low, j * recipe.lowSize());
    return info.label();
  }
}
