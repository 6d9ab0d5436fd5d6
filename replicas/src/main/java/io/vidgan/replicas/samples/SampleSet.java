package io.vidgan.replicas.samples;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.graphs.config.VideoShape;
import java.util.Arrays;

/**
 * Fixed inputs of a stage's generator: {@code count} latents from a seed, labels cycling through
 * the classes, and for super-resolution stages the low-res windows to upsample. The same inputs
 * rendered from successive checkpoints show (or score) the training's progress without the noise
 * of new draws: the sample videos and the train-time evaluation each keep one set.
 */
public final class SampleSet {
  private final StageConfig config;
  private final float[] z;
  private final int[] labels;
  private final float[] lowRes;

  /**
   * @param lowRes for super-resolution stages, {@code [count, T', H', W', 3]} windows to upsample
   *     (real low-res views, or the stage below's samples); else null
   */
  public SampleSet(StageConfig c, int count, long seed, float[] lowRes) {
    this.config = c;
    this.z = Sampler.latents(count, c.getLatentDim(), seed);
    this.labels = Sampler.labels(count, c.getNumClasses());
    this.lowRes = lowRes;
  }

  public int count() {
    return labels.length;
  }

  public int[] labels() {
    return labels;
  }

  /** Videos {@code [from, from + n)} of the set, {@code [n, T, H, W, 3]} in [-1, 1]. */
  public float[] generate(Sampler sampler, int from, int n) {
    checkArgument(from >= 0 && n > 0 && from + n <= count(), "videos [%s, %s) of %s", from,
        from + n, count());
    int latent = config.getLatentDim();
    float[] lowResSlice = null;
    if (lowRes != null) {
      VideoShape l = StageConfigs.lowResShape(config);
      int size = l.getFrames() * l.getHeight() * l.getWidth() * 3;
      lowResSlice = Arrays.copyOfRange(lowRes, from * size, (from + n) * size);
    }
    return sampler.generate(Arrays.copyOfRange(z, from * latent, (from + n) * latent),
        Arrays.copyOfRange(labels, from, from + n), lowResSlice);
  }
}
