package io.vidgan.replicas;

import io.vidgan.data.Frames;
import io.vidgan.data.io.VideoGrid;
import io.vidgan.data.io.VideoWriter;
import io.vidgan.data.io.VideoWriters;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.VideoShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Sample videos of a training run from fixed latents: the stage's generator in inference mode
 * (its own graph), restored from each new checkpoint, EMA weights once the EMA has started. Writes
 * an animated GIF grid {@code samples/step-%08d.gif}, plus an MP4 when ffmpeg is installed.
 */
final class SampleRenderer implements AutoCloseable {
  static final int COLUMNS = 4;
  static final double FPS = 8;
  private static final int MIN_WIDTH = 256;

  private final StageConfig config;
  private final Path dir;
  private final float[] z;
  private final int[] labels;
  private final float[] lowRes;
  private final Sampler sampler;
  private boolean mp4 = true;

  /** A rendered grid: its frames (for image summaries) and where it was written. */
  record Rendered(Frames grid, Path gif) {}

  /**
   * @param lowRes for super-resolution stages, {@code [count, T', H', W', 3]} windows to upsample
   *     (real low-res views, or the stage below's samples); else null
   */
  SampleRenderer(StageConfig c, Path dir, int count, long seed, float[] lowRes) {
    this.config = c;
    this.dir = dir;
    this.lowRes = lowRes;
    this.z = Sampler.latents(count, c.getLatentDim(), seed);
    this.labels = Sampler.labels(count, c.getNumClasses());
    this.sampler = new Sampler(c);
  }

  /** Renders the samples of the checkpoint at {@code prefix}, from EMA weights if asked. */
  Rendered render(String prefix, long step, boolean useEma) throws IOException {
    sampler.restore(prefix, useEma);
    float[] video = sampler.generate(z, labels, lowRes);
    VideoShape v = config.getVideo();
    long[] shape = {labels.length, v.getFrames(), v.getHeight(), v.getWidth(), 3};
    Frames grid = upscale(VideoGrid.tile(video, shape, COLUMNS, 1));
    Files.createDirectories(dir);
    String name = String.format(Locale.ROOT, "step-%08d", step);
    Path gif = dir.resolve(name + ".gif");
    write(gif, grid);
    if (mp4) {
      try {
        write(dir.resolve(name + ".mp4"), grid);
      } catch (IOException e) {
        mp4 = false;
      }
    }
    return new Rendered(grid, gif);
  }

  private static void write(Path path, Frames frames) throws IOException {
    try (VideoWriter writer = VideoWriters.open(path, frames.width(), frames.height(), FPS)) {
      int size = frames.height() * frames.width() * 3;
      for (int f = 0; f < frames.count(); f++) {
        byte[] frame = new byte[size];
        System.arraycopy(frames.rgb(), f * size, frame, 0, size);
        writer.write(frame);
      }
    }
  }

  /** Nearest-neighbour upscaling so that small grids are visible. */
  static Frames upscale(Frames in) {
    int k = Math.max(1, MIN_WIDTH / in.width());
    if (k == 1) {
      return in;
    }
    int h = in.height() * k;
    int w = in.width() * k;
    byte[] out = new byte[in.count() * h * w * 3];
    for (int f = 0; f < in.count(); f++) {
      for (int y = 0; y < h; y++) {
        for (int x = 0; x < w; x++) {
          int src = ((f * in.height() + y / k) * in.width() + x / k) * 3;
          System.arraycopy(in.rgb(), src, out, ((f * h + y) * w + x) * 3, 3);
        }
      }
    }
    return new Frames(in.count(), h, w, out);
  }

  @Override
  public void close() {
    sampler.close();
  }
}
