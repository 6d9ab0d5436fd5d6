package io.vidgan.savedmodel;

import io.vidgan.cli.Command;
import io.vidgan.cli.Flag;
import io.vidgan.cli.FlagSet;
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

/**
 * {@code bin/generate}: videos of any length from a model written by {@code
 * bin/export-savedmodel}, streamed to files in memory independent of the length ({@link
 * LongVideoGenerator}).
 */
public final class Generate extends Command {
  private static final Flag<String> MODEL = Flag.text("model", "DIR", "model directory written "
      + "by bin/export-savedmodel");
  private static final Flag<String> OUT = Flag.text("out", "DIR", "directory for the videos "
      + "(video_NNNNN.<format>)");
  private static final Flag<Integer> FRAMES = Flag.integer("frames", "N", "frames per video, at "
      + "least 1; the model's trained length when omitted").atLeast(1);
  private static final Flag<Integer> COUNT = Flag.integer("count", "K", "number of videos")
      .atLeast(1).withDefault(1);
  private static final Flag<Long> SEED = Flag.longInteger("seed", "S", "seed of the noise and "
      + "classes").withDefault(0L);
  private static final Flag<Double> SIGMA = Flag.number("sigma", "X", "standard deviation of z; "
      + "below 1 trades variety for fidelity (truncation)")
      .require(x -> x > 0, "must be positive").withDefault(1.0);
  private static final Flag<Integer> LABEL = Flag.integer("label", "CLASS", "class of every video "
      + "of a conditional model; random per video when omitted").atLeast(0);
  private static final Flag<String> FORMAT = Flag.choice("format", "gif|mp4|png", "video files, "
      + "or folders of PNG frames", "gif", "mp4", "png").withDefault("gif");
  private static final Flag<Double> FPS = Flag.number("fps", "X", "frames per second of GIF and "
      + "MP4 files").withDefault(8.0);
  private static final Flag<Integer> BATCH = Flag.integer("batch", "N", "videos generated "
      + "together").atLeast(1).withDefault(4);
  private static final Flag<Integer> CHUNK = Flag.integer("chunk", "N", "low-res frames each "
      + "super-resolution call keeps (it also computes the stage's halo on both sides): more is "
      + "faster, memory grows with it but not with --frames; 0 = the trained window or twice the "
      + "halo").atLeast(0).withDefault(0);

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
  protected void declare(FlagSet flags) {
    flags.add(MODEL, OUT, FRAMES, COUNT, SEED, SIGMA, LABEL, FORMAT, FPS, BATCH, CHUNK);
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
      Path out = flags.outputDirectory(OUT);
      double sigma = flags.get(SIGMA);
      String format = flags.get(FORMAT);
      double fps = flags.get(FPS);
      if (fps <= 0 || (format.equals("gif") && fps > 50)) {
        throw new UsageException("--fps must be in (0, " + (format.equals("gif") ? "50" : "inf")
            + "], got " + fps);
      }
      return new Request(out, flags.find(FRAMES).orElse(0), flags.get(COUNT), flags.get(BATCH),
          flags.get(SEED), sigma, format, fps);
    }

    Path video(int index) {
      return out.resolve(String.format(Locale.ROOT, "video_%05d%s", index,
          format.equals("png") ? "" : "." + format));
    }
  }

  @Override
  protected void run(Flags flags) throws Exception {
    Request request = Request.parse(flags);
    try (ExportedModel model = load(Path.of(flags.get(MODEL)))) {
      StageChain chain = model.manifest().chain();
      int frames = request.frames() == 0 ? chain.trainedLength() : request.frames();
      Integer label = label(flags, chain.numClasses());
      LongVideoGenerator generator = new LongVideoGenerator(model, flags.get(CHUNK));
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
    if (!flags.has(LABEL)) {
      return null;
    }
    if (classes == 0) {
      throw new UsageException("--label: the model is unconditional");
    }
    int label = flags.get(LABEL);
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
