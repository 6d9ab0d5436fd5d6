package io.vidgan.bench;

import io.vidgan.cli.UsageException;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The cost claim of stage-wise training (SSW-GAN Table 3, HVG App. B.5): training stage 1 and
 * each super-resolution stage costs a fraction of training a flat model of the same output
 * (DVD-GAN 128x128/50: 1 sample per GPU, 32203 MB, 2.975 s a sample; stage 1 32x32/25 and stage
 * 2 128x128/12: 4 samples per GPU, 27897 and 29073 MB, 3.45 and 3.2 s an iteration).
 *
 * <p>Each model of a {@link CostChain} trains in a process of its own ({@link CostProbe}: the
 * trainer's graph and session, synthetic inputs, a super-resolution stage conditioned on its
 * frozen stages below as {@code bin/train --below} trains it) at two batch sizes; its peak
 * training memory per sample is the slope of the process's peak RSS between them, its time per
 * sample the iteration time at the larger batch over that batch. The stages train one after the
 * other, so the chain's time per sample is their sum and its memory the largest stage's. Then
 * {@link SresLengthMemory}: the super-resolution stage's memory as the video length grows.
 */
final class TrainingCost implements Measurement {
  /** SSW-GAN Table 3: per sample, stage 1 3.45 s / 4 + stage 2 3.2 s / 4 against 2.975 s. */
  static final double PAPER_TIME_RATIO = (3.45 / 4 + 3.2 / 4) / 2.975;
  /** SSW-GAN Table 3: per sample, the larger stage (stage 2, 29073 MB / 4) against 32203 MB. */
  static final double PAPER_MEMORY_RATIO = Math.max(27897.0, 29073.0) / 4 / 32203;
  private static final int ITERATIONS = 3;

  /** Every part: the two chains, then {@link SresLengthMemory}. */
  static final String PARTS = "small,paper,length";
  private static final String LENGTH = "length";

  private final List<String> parts;

  /**
   * @param parts {@code small}, {@code paper} (the {@link CostChain}s) and {@code length}, comma
   *     separated, run in that order
   * @param flag the flag they came from, named in a usage error
   * @throws UsageException naming {@code flag} for an unknown part
   */
  TrainingCost(String parts, String flag) {
    List<String> all = List.of(PARTS.split(","));
    List<String> names = Arrays.stream(parts.split(",")).map(String::trim).toList();
    for (String name : names) {
      if (!all.contains(name)) {
        throw new UsageException(flag + ": no part '" + name + "'; choose from "
            + String.join(", ", all));
      }
    }
    this.parts = all.stream().filter(names::contains).toList();
  }

  @Override
  public String name() {
    return "cost";
  }

  @Override
  public String summary() {
    return "training memory and time per sample of stage 1 + each sres stage vs a flat model of "
        + "the same output (small presets, paper presets scaled: SSW-GAN Table 3), and sres "
        + "training memory at 1x, 2x, 4x video length";
  }

  @Override
  public void run(BenchContext context, Report report) throws Exception {
    PeakRss.check();
    for (String part : parts) {
      if (part.equals(LENGTH)) {
        new SresLengthMemory(name()).run(context, report);
      } else {
        measure(context, report, CostChain.named(part));
      }
    }
  }

  private void measure(BenchContext context, Report report, CostChain chain) throws Exception {
    Path dir = context.work().resolve("cost").resolve(chain.name());
    Files.createDirectories(dir);
    List<Path> files = new ArrayList<>();
    List<ModelCost> stages = new ArrayList<>();
    for (int i = 0; i < chain.stages().size(); i++) {
      StageConfig c = chain.stages().get(i);
      files.add(write(dir.resolve(c.getName() + ".pbtxt"), c));
      stages.add(probe(context, chain, "stage " + (i + 1) + " (" + c.getName() + ")", c, files,
          dir));
    }
    ModelCost flat = probe(context, chain, "flat model", chain.flat(), List.of(write(
        dir.resolve("flat.pbtxt"), chain.flat())), dir);
    List<ModelCost> all = new ArrayList<>(stages);
    all.add(flat);
    for (ModelCost m : all) {
      report.add(Figure.of(name(), chain.name() + " " + m.label() + ", training memory per "
          + "sample", m.kbPerSample() / 1024, "MB/sample", String.format(Locale.ROOT,
              "%s; %.3f s/sample; peak RSS %,.0f vs %,.0f MB at batch %d vs %d",
              m.output(), m.secondsPerSample(), m.peakKb()[1] / 1024,
              m.peakKb()[0] / 1024, m.batches()[1], m.batches()[0])));
      report.raw(name(), chain.name() + " " + m.label(), List.of(Arrays.stream(m.batches())
          .boxed().toList(), Arrays.stream(m.peakKb()).boxed().toList(),
          m.secondsPerIteration()));
    }
    double time = stages.stream().mapToDouble(ModelCost::secondsPerSample).sum();
    ModelCost largest = stages.stream().max((a, b) -> Double.compare(a.kbPerSample(),
        b.kbPerSample())).orElseThrow();
    report.add(Figure.of(name(), chain.name() + ": stage-wise vs flat, training time per sample",
        time / flat.secondsPerSample(), "x", String.format(Locale.ROOT, "%.3f vs %.3f s/sample "
            + "(stages summed); SSW-GAN Table 3: %.2fx (3.45/4 + 3.2/4 vs 2.975 s; 12 + 11 vs "
            + "41 days)", time, flat.secondsPerSample(), PAPER_TIME_RATIO)));
    report.add(Figure.of(name(), chain.name() + ": stage-wise vs flat, training memory per "
        + "sample", largest.kbPerSample() / flat.kbPerSample(), "x", String.format(Locale.ROOT,
            "%s %.1f vs %.1f MB/sample (the largest stage); SSW-GAN Table 3: %.2fx (29073/4 vs "
                + "32203 MB)", largest.label(), largest.kbPerSample() / 1024,
            flat.kbPerSample() / 1024, PAPER_MEMORY_RATIO)));
  }

  private static Path write(Path file, StageConfig c) throws Exception {
    Files.writeString(file, StageConfigs.toText(c), StandardCharsets.UTF_8);
    return file;
  }

  /**
   * Trains {@code model}, the last of {@code configs} (the others below it), in a {@link
   * CostProbe} process at each of the chain's batches.
   */
  private static ModelCost probe(BenchContext context, CostChain chain, String label,
      StageConfig model, List<Path> configs, Path dir) throws Exception {
    int[] batches = chain.batches();
    double[] kb = new double[batches.length];
    double seconds = 0;
    Path config = configs.get(configs.size() - 1);
    for (int k = 0; k < batches.length; k++) {
      List<String> command = new ArrayList<>(List.of(java()));
      command.addAll(PeakRss.STEADY_JVM);
      command.addAll(List.of("-cp", System.getProperty("java.class.path"),
          CostProbe.class.getName(), "--config=" + config, "--batch=" + batches[k],
          "--iterations=" + ITERATIONS));
      if (configs.size() > 1) {
        command.add("--below=" + String.join(",", configs.subList(0, configs.size() - 1)
            .stream().map(Path::toString).toList()));
      }
      String file = config.getFileName().toString().replace(".pbtxt", "-batch" + batches[k]);
      PeakRss.Run run = PeakRss.of(command, dir.resolve(file + ".log"));
      kb[k] = run.kilobytes();
      seconds = Timing.median(iterationSeconds(run.output()));
      context.log(String.format(Locale.ROOT, "%s %s, batch %d: peak RSS %,.0f MB, %.2f s/iteration",
          chain.name(), label, batches[k], kb[k] / 1024, seconds));
    }
    return new ModelCost(label, FlatModel.Output.of(model).describe(), batches, kb, seconds);
  }

  private static double[] iterationSeconds(String output) {
    return output.lines().filter(l -> l.startsWith(CostProbe.PREFIX)).findFirst()
        .map(l -> Arrays.stream(l.substring(CostProbe.PREFIX.length()).split(","))
            .mapToDouble(Double::parseDouble).toArray())
        .orElseThrow(() -> new IllegalStateException("no " + CostProbe.PREFIX + " line"));
  }

  private static String java() {
    return ProcessHandle.current().info().command().orElse("java");
  }
}
