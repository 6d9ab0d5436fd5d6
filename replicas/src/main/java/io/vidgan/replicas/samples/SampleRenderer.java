package io.vidgan.replicas.samples;

import io.vidgan.data.Frames;
import io.vidgan.data.io.CellLabels;
import io.vidgan.data.io.GridLayout;
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
 * the grid as an animated GIF {@code samples/step-%08d.gif} (one adaptive palette, no dither) and
 * an MP4 {@code samples/step-%08d.mp4}. Each video is enlarged by nearest neighbour to at least
 * {@link #MIN_CELL} pixels on its shorter side, and labelled with its class when the stage is
 * class-conditional.
 */
public final class SampleRenderer {
  public static final int COLUMNS = 4;
  public static final double FPS = 8;
  public static final int MIN_CELL = 128;
  private static final int PADDING = 4;

  private final StageConfig config;
  private final Path dir;
  private final SampleSet inputs;
  private final Sampler sampler;

  /** A rendered grid: its frames, where the GIF was written, and the GIF's bytes. */
  public record Rendered(Frames grid, Path gif, byte[] gifBytes) {}

  /** @param sampler the stage's generator, shared with the train-time evaluation */
  public SampleRenderer(StageConfig c, Sampler sampler, Path dir, SampleSet inputs) {
    this.config = c;
    this.sampler = sampler;
    this.dir = dir;
    this.inputs = inputs;
  }

  /** Renders the samples of the checkpoint at {@code prefix}, from EMA weights if asked. */
  public Rendered render(String prefix, long step, boolean useEma) throws IOException {
    sampler.restore(prefix, useEma);
    Frames grid = grid(config, inputs.generate(sampler, 0, inputs.count()), inputs.labels());
    Files.createDirectories(dir);
    String name = String.format(Locale.ROOT, "step-%08d", step);
    Path gif = dir.resolve(name + ".gif");
    write(gif, grid);
    write(dir.resolve(name + ".mp4"), grid);
    return new Rendered(grid, gif, Files.readAllBytes(gif));
  }

  /**
   * The grid of {@code video} ({@code [labels.length, T, H, W, 3]} in {@code [-1, 1]}), cells
   * enlarged to at least {@link #MIN_CELL} pixels, labelled if the stage has classes.
   */
  public static Frames grid(StageConfig c, float[] video, int[] labels) {
    VideoShape v = c.getVideo();
    long[] shape = {labels.length, v.getFrames(), v.getHeight(), v.getWidth(), 3};
    int side = Math.min(v.getHeight(), v.getWidth());
    GridLayout layout = VideoGrid.layout(shape, COLUMNS, PADDING,
        Math.max(1, (MIN_CELL + side - 1) / side));
    Frames grid = VideoGrid.tile(video, shape, layout);
    if (c.getNumClasses() > 0) {
      CellLabels.draw(grid, layout, labels);
    }
    return grid;
  }

  private static void write(Path path, Frames frames) throws IOException {
    try (VideoWriter writer = VideoWriters.open(path, frames.width(), frames.height(), FPS)) {
      for (int f = 0; f < frames.count(); f++) {
        writer.write(frames.frame(f).rgb());
      }
    }
  }
}
