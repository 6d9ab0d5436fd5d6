package io.vidgan.replicas.evaluation;

import io.vidgan.data.Frames;
import io.vidgan.data.io.VideoGrid;
import io.vidgan.graphs.config.VideoShape;
import io.vidgan.replicas.samples.SampleSet;
import io.vidgan.replicas.samples.Sampler;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;

/**
 * The clips a stage's generator, restored from one checkpoint, makes of a {@link SampleSet}: a
 * batch at a time, quantised to 8-bit exactly as sample videos are saved ({@link PixelValues}),
 * so memory holds one batch whatever the number of clips. What a {@link TrainingEvaluation}
 * scores.
 */
public final class GeneratedClips {
  private final SampleSet inputs;
  private final Sampler sampler;
  private final VideoShape video;
  private final int batch;
  private final String description;
  private final Deque<Frames> ready = new ArrayDeque<>();
  private int generated;

  /** @param sampler restored from the checkpoint the clips come from */
  public GeneratedClips(SampleSet inputs, Sampler sampler, VideoShape video, int batch,
      String description) {
    this.inputs = inputs;
    this.sampler = sampler;
    this.video = video;
    this.batch = batch;
    this.description = description;
  }

  /** Which generator, checkpoint and weights made the clips, for settings and logs. */
  public String description() {
    return description;
  }

  public int count() {
    return inputs.count();
  }

  /** The stage's output: frames per clip and frame size. */
  public VideoShape video() {
    return video;
  }

  /** The next clip, {@code [T, H, W, 3]}, or empty once {@link #count()} were returned. */
  public Optional<Frames> next() {
    if (ready.isEmpty() && generated < count()) {
      int n = Math.min(batch, count() - generated);
      float[] videos = inputs.generate(sampler, generated, n);
      int size = video.getFrames() * video.getHeight() * video.getWidth() * 3;
      for (int i = 0; i < n; i++) {
        ready.add(VideoGrid.toFrames(videos, i * size, video.getFrames(), video.getHeight(),
            video.getWidth()));
      }
      generated += n;
    }
    return Optional.ofNullable(ready.poll());
  }
}
