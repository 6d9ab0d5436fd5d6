package io.vidgan.savedmodel;

import io.vidgan.cli.Command;
import io.vidgan.cli.Flags;
import io.vidgan.cli.ProgressBar;
import io.vidgan.cli.UsageException;
import io.vidgan.graphs.config.VideoShape;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
        + "made (GIF, MP4 (H.264), or PNG frame folders).";
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
    o.addOption(Flags.flag("chunk", "N", "low-res frames each super-resolution call keeps "
        + "(it also computes the stage's halo on both sides): more is faster, memory grows with "
        + "it but not with --frames; 0 = the trained window or twice the halo (default: 0)"));
  }

  @Override
  protected Map<String, String> removedFlags() {
    String why = "super-resolution stages are applied to the whole video (computed in chunks "
        + "with exact halos, so the result does not depend on them); --chunk bounds memory";
    return Map.of("window-stride", why, "upsample-batch", why);
  }

  /** What to generate, from the flags; the model-dependent checks come after loading. */
  private record Request(Path out, int frames, int count, int batch, long seed, double sigma,
      String format, double fps) {
    static Request parse(Flags flags) {
      Path out = flags.outputDirectory("out");
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
      return new Request(out, flags.has("frames") ? flags.getInt("frames", 1) : 0,
          flags.getInt("count", 1), flags.getInt("batch", 1), flags.getLong("seed"), sigma,
          format, fps);
    }

    Path video(int index) {
      return out.resolve(String.format(Locale.ROOT, "video_%05d%s", index,
          format.equals("png") ? "" : "." + format));
    }
  }

  @Override
  protected void run(Flags flags) throws Exception {
    Request request = Request.parse(flags);
    try (ExportedModel model = load(Path.of(flags.required("model")))) {
      StageChain chain = model.manifest().chain();
      int frames = request.frames() == 0 ? chain.trainedLength() : request.frames();
      Integer label = label(flags, chain.numClasses());
      LongVideoGenerator generator = new LongVideoGenerator(model, flags.getInt("chunk", 0));
      Files.createDirectories(request.out());
      try (ProgressBar bar = new ProgressBar("generate", (long) request.count() * frames,
          "frames")) {
        for (int first = 0; first < request.count(); first += request.batch()) {
          int n = Math.min(request.batch(), request.count() - first);
          int[] labels = chain.numClasses() == 0 ? null : label != null ? filled(n, label)
              : Latents.classes(request.seed(), first, n, chain.numClasses());
          writeBatch(generator, chain, request, frames, first, labels, n, bar);
        }
      }
    }
  }

  /** Generates and writes videos {@code [first, first + n)}. */
  private static void writeBatch(LongVideoGenerator generator, StageChain chain, Request request,
      int frames, int first, int[] labels, int n, ProgressBar bar) throws IOException {
    List<float[]> latents = Latents.forChain(chain, request.seed(), first, n, request.sigma());
    List<Path> paths = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      paths.add(request.video(first + i));
    }
    VideoShape v = chain.top().getVideo();
    try (VideoFiles files = new VideoFiles(paths, v.getWidth(), v.getHeight(), request.fps())) {
      generator.generate(latents, labels, frames, frame -> {
        files.accept(frame);
        bar.step(n);
      });
    }
    for (int i = 0; i < n; i++) {
      System.out.println(paths.get(i) + (labels == null ? "" : "\tclass " + labels[i]));
    }
  }

  private static ExportedModel load(Path dir) throws IOException {
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
    Arrays.fill(a, value);
    return a;
  }
}
