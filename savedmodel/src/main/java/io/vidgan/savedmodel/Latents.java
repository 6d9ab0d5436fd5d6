package io.vidgan.savedmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The noise and classes of generated videos. Video {@code i}'s noise for stage {@code k} depends
 * only on {@code (seed, i, k)}, so a video is the same whatever the batch size or the number of
 * videos generated with it.
 */
public final class Latents {
  private Latents() {}

  /**
   * {@code z ~ N(0, sigma^2 I)} for videos {@code [first, first + count)}, {@code [count, dim]}.
   * A {@code sigma} below 1 is the truncation trick in its simplest form (BigGAN §3.1 resamples
   * large values instead; scaling keeps the graph free of it).
   */
  public static float[] normal(long seed, int first, int count, int stage, int dim,
      double sigma) {
    float[] z = new float[count * dim];
    for (int i = 0; i < count; i++) {
      SplittableRandom random = random(seed, first + i, stage);
      for (int j = 0; j < dim; j++) {
        z[i * dim + j] = (float) (sigma * random.nextGaussian());
      }
    }
    return z;
  }

  /**
   * The noise of every stage of {@code chain} for videos {@code [first, first + count)}, first
   * stage first: what {@link LongVideoGenerator#generate} takes.
   */
  public static List<float[]> forChain(StageChain chain, long seed, int first, int count,
      double sigma) {
    List<float[]> latents = new ArrayList<>();
    for (int k = 0; k < chain.stages().size(); k++) {
      latents.add(normal(seed, first, count, k, chain.stages().get(k).getLatentDim(), sigma));
    }
    return latents;
  }

  /** Uniformly random classes of videos {@code [first, first + count)}. */
  public static int[] classes(long seed, int first, int count, int classes) {
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = random(seed, first + i, -1).nextInt(classes);
    }
    return labels;
  }

  private static SplittableRandom random(long seed, int video, int stage) {
    long key = seed * 0x9E3779B97F4A7C15L + video * 0xBF58476D1CE4E5B9L
        + (stage + 1) * 0x94D049BB133111EBL;
    return new SplittableRandom(key);
  }
}
