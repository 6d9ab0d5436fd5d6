package io.vidgan.bench;

import io.vidgan.cli.FileTrees;
import io.vidgan.savedmodel.ExportedModel;
import io.vidgan.savedmodel.Latents;
import io.vidgan.savedmodel.LongVideoGenerator;
import io.vidgan.savedmodel.StageChain;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Constant-memory generation with the small two-stage model: peak RSS of the {@code bin/generate}
 * process ({@link PeakRss}) for a long and a short video, and the generation time per frame of
 * the same two lengths in this process (model loaded once, frames discarded, so JVM start-up and
 * model loading do not hide the per-frame cost; a short video is timed in runs of several,
 * {@value #LONG} frames or more a run, so no timing lasts only a few ms). Without targets: time
 * per frame of a longer video (does it stay flat?), and of the long video with the default
 * super-resolution chunk vs chunks of one low-res frame (the share of the halos, computed twice,
 * in the per-frame cost).
 *
 * <p>Without {@code --model} the bench makes the model: one iteration of {@code bin/train} per
 * small stage and {@code bin/export-savedmodel} (the weights do not matter for speed or memory).
 */
final class GenerationMemory implements Measurement {
  static final int SHORT = 12;
  static final int LONG = 100;
  static final int LONGER = 400;
  static final Target RSS = Target.atMost(1.15);
  static final Target TIME = Target.atMost(1.10);

  private final Path model;

  /** @param model an exported model to use, or null to make one */
  GenerationMemory(Path model) {
    this.model = model;
  }

  @Override
  public String name() {
    return "generation";
  }

  @Override
  public String summary() {
    return "bin/generate peak RSS (100 and 400 vs 12 frames) and time per frame (small two-stage"
        + " model)";
  }

  @Override
  public void run(BenchContext context, Report report) throws Exception {
    PeakRss.check();
    Path dir = model != null ? model : makeModel(context);
    int[] lengths = {SHORT, LONG, LONGER};
    double[][] rss = new double[lengths.length][context.reps()];
    for (int i = 0; i < context.reps(); i++) {
      for (int k = 0; k < lengths.length; k++) {
        rss[k][i] = peakRss(context, dir, lengths[k]);
      }
    }
    for (int k = 1; k < lengths.length; k++) {
      double longRss = Timing.median(rss[k]);
      double shortRss = Timing.median(rss[0]);
      report.add(new Figure(name(), "bin/generate peak RSS, " + lengths[k] + " vs " + SHORT
          + " frames", longRss / shortRss, "x", RSS, String.format(Locale.ROOT,
              "%,.0f vs %,.0f KB", longRss, shortRss)));
    }
    try (ExportedModel loaded = ExportedModel.load(dir)) {
      StageChain chain = loaded.manifest().chain();
      LongVideoGenerator model = new LongVideoGenerator(loaded, 0);
      double[][] perFrame = perFrameSeconds(context, chain, new Video(model, SHORT),
          new Video(model, LONG), new Video(model, LONGER),
          new Video(new LongVideoGenerator(loaded, 1), LONG));
      report.add(new Figure(name(), "time per frame, " + LONG + " vs " + SHORT + " frames",
          ratio(perFrame, 1, 0), "x", TIME, perFrameDetail(perFrame, 1, 0)));
      report.add(Figure.of(name(), "time per frame, " + LONGER + " vs " + LONG + " frames",
          ratio(perFrame, 2, 1), "x", perFrameDetail(perFrame, 2, 1)));
      report.add(Figure.of(name(), "time per frame, " + LONG + " frames, --chunk=1 vs the "
          + "default chunk", ratio(perFrame, 3, 1), "x", perFrameDetail(perFrame, 3, 1)));
      for (int k = 0; k < lengths.length; k++) {
        report.raw(name(), "peak_rss_kb_" + lengths[k], rss[k]);
      }
      report.raw(name(), "seconds_per_frame_" + SHORT, perFrame[0]);
      report.raw(name(), "seconds_per_frame_" + LONG, perFrame[1]);
      report.raw(name(), "seconds_per_frame_" + LONGER, perFrame[2]);
      report.raw(name(), "seconds_per_frame_" + LONG + "_chunk_1", perFrame[3]);
    }
  }

  private static double ratio(double[][] t, int a, int b) {
    return Timing.median(t[a]) / Timing.median(t[b]);
  }

  private static String perFrameDetail(double[][] t, int a, int b) {
    return String.format(Locale.ROOT, "%.1f vs %.1f ms/frame", 1e3 * Timing.median(t[a]),
        1e3 * Timing.median(t[b]));
  }

  private static Path makeModel(BenchContext context) throws Exception {
    Path dir = context.work().resolve("generation");
    FileTrees.delete(dir);
    Files.createDirectories(dir);
    for (String stage : List.of("lres", "sres")) {
      context.log("bin/train --stage=" + stage + " --steps=1 (for the model)");
      List<String> command = new ArrayList<>(List.of(context.bin("train").toString(),
          "--stage=" + stage, "--steps=1", "--out=" + dir.resolve(stage)));
      if (stage.equals("sres")) {
        command.add("--below=" + dir.resolve("lres"));
      }
      Subprocess.run(command, dir.resolve("train-" + stage + ".log"));
    }
    context.log("bin/export-savedmodel");
    Path model = dir.resolve("model");
    Subprocess.run(List.of(context.bin("export-savedmodel").toString(),
        "--run=" + dir.resolve("lres"), "--sres-run=" + dir.resolve("sres"), "--out=" + model),
        dir.resolve("export.log"));
    return model;
  }

  /** Peak RSS in KB of one {@code bin/generate} process making one video of {@code frames}. */
  private static double peakRss(BenchContext context, Path model, int frames) throws Exception {
    Path out = context.work().resolve("generated-" + frames);
    FileTrees.delete(out);
    double kb = PeakRss.of(List.of(context.bin("generate").toString(), "--model=" + model,
        "--frames=" + frames, "--count=1", "--out=" + out),
        context.work().resolve("generate-" + frames + ".log")).kilobytes();
    context.log(String.format(Locale.ROOT, "bin/generate --frames=%d: peak RSS %.0f KB", frames,
        kb));
    return kb;
  }

  /** One video of {@code frames} frames made by {@code generator}. */
  private record Video(LongVideoGenerator generator, int frames) {
    /** Videos per timed repetition: enough for {@value #LONG} frames, so none is a few ms. */
    int count() {
      return (LONG + frames - 1) / frames;
    }
  }

  /**
   * Seconds per frame of each of {@code videos}, timed in turn, {@code [video][rep]}: each
   * repetition makes {@link Video#count} videos, after one untimed video of each (the first call of
   * each batch shape is slower).
   */
  private static double[][] perFrameSeconds(BenchContext context, StageChain chain,
      Video... videos) throws Exception {
    List<float[]> latents = Latents.forChain(chain, 0, 0, 1, 1.0);
    int[] labels = chain.numClasses() == 0 ? null : Latents.classes(0, 0, 1,
        chain.numClasses());
    Timing.Body[] bodies = new Timing.Body[videos.length];
    for (int k = 0; k < videos.length; k++) {
      Video v = videos[k];
      Timing.Body one = () -> v.generator().generate(latents, labels, v.frames(), f -> { });
      one.run();
      bodies[k] = () -> {
        for (int i = 0; i < v.count(); i++) {
          one.run();
        }
      };
    }
    double[][] t = new double[videos.length][context.reps()];
    for (int i = 0; i < context.reps(); i++) {
      for (int k = 0; k < videos.length; k++) {
        t[k][i] = Timing.seconds(bodies[k]) / (videos[k].frames() * videos[k].count());
      }
    }
    return t;
  }
}
