package io.vidgan.metrics;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.data.DatasetException;
import io.vidgan.data.Frames;
import io.vidgan.data.VideoDataset;
import io.vidgan.data.VideoInfo;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;

/**
 * Clips of a protocol read from a dataset, one per video: either at a random offset from videos
 * taken in a seeded random order (the real side: "one clip per video at a random offset, native
 * frame rate"), or from {@code t = 0} of videos in dataset order (generated videos saved to disk).
 *
 * <p>Videos too short for a clip, and videos that fail to decode, are bad inputs: they fail the
 * run, or are skipped and counted when the dataset skips bad inputs ({@code --skip-bad}).
 * Randomness comes from {@link Random} (a fully specified generator), so a seed picks the same
 * videos and offsets on every machine. The dataset stays open (its owner closes it), so one open
 * dataset, with the video lengths it has learnt, serves every run and class of an evaluation.
 */
public final class DatasetClips implements ClipSource {
  private final VideoDataset dataset;
  private final ClipSampling clip;
  private final int planned;
  private final int[] order;
  private final Random offsets;
  private final String description;
  private int cursor;
  private int delivered;

  private DatasetClips(VideoDataset dataset, ClipSampling clip, int count, int[] order,
      Random offsets, String how) {
    checkArgument(count > 0, "clip count must be positive, got %s", count);
    this.dataset = dataset;
    this.clip = clip;
    this.planned = Math.min(count, dataset.size());
    this.order = order;
    this.offsets = offsets;
    this.description = dataset.description() + ", " + how;
  }

  /** Up to {@code count} clips at random offsets of videos in a random order, both from seed. */
  public static DatasetClips randomOffsets(VideoDataset dataset, ClipSampling clip, int count,
      long seed) throws IOException {
    return randomOffsets(dataset, clip, count, seed, -1);
  }

  /**
   * As {@link #randomOffsets(VideoDataset, ClipSampling, int, long)}, from the videos of class
   * {@code label} only (all videos for -1).
   */
  public static DatasetClips randomOffsets(VideoDataset dataset, ClipSampling clip, int count,
      long seed, int label) throws IOException {
    Random random = new Random(seed);
    int[] order = datasetOrder(dataset);
    if (label >= 0) {
      List<Integer> ofClass = new ArrayList<>();
      for (int i : order) {
        if (dataset.info(i).label() == label) {
          ofClass.add(i);
        }
      }
      order = ofClass.stream().mapToInt(Integer::intValue).toArray();
    }
    for (int i = order.length - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return new DatasetClips(dataset, clip, count, order, random,
        "one clip per video" + (label >= 0 ? " of class " + label : "") + " at a random offset,"
            + " every " + clip.stride() + "-th frame (seed " + seed + ")");
  }

  /** Up to {@code count} clips from the first frame of the videos, in dataset order. */
  public static DatasetClips fromStart(VideoDataset dataset, ClipSampling clip, int count) {
    return new DatasetClips(dataset, clip, count, datasetOrder(dataset), null,
        "clips from t=0, every " + clip.stride() + "-th frame");
  }

  private static int[] datasetOrder(VideoDataset dataset) {
    int[] order = new int[dataset.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    return order;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public int frames() {
    return clip.frames();
  }

  @Override
  public String resolution() throws IOException {
    if (order.length == 0) {
      return "none";
    }
    VideoInfo first = dataset.info(order[0]);
    return first.height() + "x" + first.width();
  }

  @Override
  public int planned() {
    return planned;
  }

  @Override
  public Optional<Frames> next() throws IOException {
    while (delivered < planned && cursor < order.length) {
      int index = order[cursor++];
      try {
        VideoInfo info = dataset.info(index);
        int from = offsets == null ? 0
            : offsets.nextInt(Math.max(1, info.frames() - clip.span() + 1));
        info.checkFrames(from, clip.frames(), clip.stride());
        Frames frames = dataset.read(index, from, clip.frames(), clip.stride());
        delivered++;
        return Optional.of(frames);
      } catch (DatasetException e) {
        dataset.badInputs().handle(e);
      }
    }
    return Optional.empty();
  }
}
