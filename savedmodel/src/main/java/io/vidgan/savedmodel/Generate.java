package io.vidgan.savedmodel;

import io.vidgan.cli.Command;
import io.vidgan.cli.Flags;
import io.vidgan.cli.ProgressBar;
import io.vidgan.cli.UsageException;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.VideoShape;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.commons.cli.Options;

/**
 * {@code bin/generate}: videos of any length from a model written by {@code
 * bin/export-savedmodel}, streamed to files in memory independent of the length ({@link
 * LongVideoGenerator}).
 */
public final class Generate extends Command {
  public static void main(String[] args) {
    Command.main(new Generate(), args);
  }

  @Override
  protected String name() {
    return "generate";
  }

  @Override
  protected String summary() {
    return "Generates videos of any length from an exported model, writing frames as they are "
        + "made (GIF, MP4 through ffmpeg, or PNG frame folders).";
  }

  @Override
  protected void declare(Options o) {
    o.addOption(Flags.flag("model", "DIR", "model directory written by bin/export-savedmodel"));
    o.addOption(Flags.flag("out", "DIR", "directory for the videos (video_NNNNN.<format>)"));
    o.addOption(Flags.flag("frames", "N", "frames per video, at least 1; the model's trained "
        + "length when omitted"));
    o.addOption(Flags.flag("count", "K", "number of videos (default: 1)"));
    o.addOption(Flags.flag("seed", "S", "seed of the noise and classes (default: 0)"));
    o.addOption(Flags.flag("sigma", "X", "standard deviation of z; below 1 trades variety for "
        + "fidelity (truncation) (default: 1.0)"));
    o.addOption(Flags.flag("label", "CLASS", "class of every video of a conditional model; "
        + "random per video when omitted"));
    o.addOption(Flags.flag("format", "gif|mp4|png", "video files, or folders of PNG frames "
        + "(default: gif)"));
    o.addOption(Flags.flag("fps", "X", "frames per second of GIF and MP4 files (default: 8)"));
    o.addOption(Flags.flag("batch", "N", "videos generated together (default: 4)"));
    o.addOption(Flags.flag("window-stride", "N", "low-res frames between super-resolution "
        + "windows; 0 = the stride chosen at export (default: 0)"));
  }

  @Override
  protected void run(Flags flags) throws Exception {
    Path out = Path.of(flags.required("out"));
    if (Files.exists(out) && !Files.isDirectory(out)) {
      throw new UsageException("--out: " + out + " is not a directory");
    }
    int count = flags.getInt("count", 1);
    int batch = flags.getInt("batch", 1);
    long seed = flags.getLong("seed");
    double sigma = flags.getDouble("sigma");
    if (sigma <= 0) {
      throw new UsageException("--sigma must be positive, got " + sigma);
    }
    String format = flags.getChoice("format", "gif", "mp4", "png");
    double fps = flags.getDouble("fps");
    if (fps <= 0 || (format.equals("gif") && fps > 50)) {
      throw new UsageException("--fps must be in (0, " + (format.equals("gif") ? "50" : "inf")
          + "], got " + fps);
    }
    int frames = flags.has("frames") ? flags.getInt("frames", 1) : 0;
    try (ExportedModel model = load(Path.of(flags.required("model")))) {
      StageChain chain = model.manifest().chain();
      frames = frames == 0 ? chain.trainedLength() : frames;
      Integer label = label(flags, chain.numClasses());
      LongVideoGenerator generator;
      try {
        generator = new LongVideoGenerator(model, flags.getInt("window-stride", 0));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--window-stride: " + e.getMessage());
      }
      Files.createDirectories(out);
      VideoShape v = chain.top().getVideo();
      try (ProgressBar bar = new ProgressBar("generate", (long) count * frames, "frames")) {
        for (int first = 0; first < count; first += batch) {
          int n = Math.min(batch, count - first);
          List<float[]> latents = new ArrayList<>();
          for (int k = 0; k < chain.stages().size(); k++) {
            StageConfig c = chain.stages().get(k);
            latents.add(Latents.normal(seed, first, n, k, c.getLatentDim(), sigma));
          }
          int[] labels = chain.numClasses() == 0 ? null
              : label != null ? filled(n, label) : Latents.classes(seed, first, n,
                  chain.numClasses());
          List<Path> paths = new ArrayList<>();
          for (int i = 0; i < n; i++) {
            paths.add(out.resolve(String.format(Locale.ROOT, "video_%05d%s", first + i,
                format.equals("png") ? "" : "." + format)));
          }
          try (VideoFiles files = new VideoFiles(paths, v.getWidth(), v.getHeight(), fps)) {
            generator.generate(latents, labels, frames, frame -> {
              files.accept(frame);
              bar.step(n);
            });
          }
          for (int i = 0; i < n; i++) {
            System.out.println(paths.get(i) + (labels == null ? "" : "\tclass " + labels[i]));
          }
        }
      }
    }
  }

  private static ExportedModel load(Path dir) throws java.io.IOException {
    try {
      return ExportedModel.load(dir);
    } catch (InvalidModelException e) {
      throw new UsageException("--model: " + e.getMessage());
    }
  }

  private static Integer label(Flags flags, int classes) {
    if (!flags.has("label")) {
      return null;
    }
    if (classes == 0) {
      throw new UsageException("--label: the model is unconditional");
    }
    int label = flags.getInt("label", 0);
    if (label >= classes) {
      throw new UsageException("--label must be below the model's " + classes + " classes, got "
          + label);
    }
    return label;
  }

  private static int[] filled(int n, int value) {
    int[] a = new int[n];
    java.util.Arrays.fill(a, value);
    return a;
  }
}
