package io.vidgan.bench;

import io.vidgan.cli.FileTrees;
import io.vidgan.graphs.config.StageConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Input pipeline and training throughput as {@code bin/train} sees them: a short run of each small
 * preset on 8 replicas with the default (built-in) data, read back from its TensorBoard scalars.
 *
 * <p>The trainer records the share of its time spent blocked on data ({@code
 * timing/data_wait_fraction}, cumulative from the first iteration) after every iteration. The
 * first iteration is warm-up (oneDNN primitive creation, empty prefetch queues), so the figure
 * held to the target is the steady share over iterations 2..n: with cumulative fractions {@code
 * f_k}, total times {@code S_k}, {@code S_1} the first iteration's time and {@code S_n - S_1} the
 * wall-clock time between the scalars of iterations 1 and n, it is {@code (f_n S_n - f_1 S_1) /
 * (S_n - S_1)}. Throughput over the same iterations counts the real examples D sees, as the
 * trainer's kimg does: {@code d_steps_per_g_step * batch} per iteration.
 *
 * <p>The sres stage runs twice: as published ({@code --below}: its fake pairs condition on the
 * trained lres stage's samples) and as the {@code --condition=real} ablation; their ratio is the
 * cost of generating the conditioning.
 */
final class TrainingRun implements Measurement {
  static final int REPLICAS = 8;
  static final Target DATA_WAIT = Target.atMost(0.05);

  @Override
  public String name() {
    return "training";
  }

  @Override
  public String summary() {
    return "bin/train on 8 replicas: data-wait share and samples/s, kimg/hour (small lres, sres "
        + "with --below and with --condition=real, and their iteration-time ratio)";
  }

  /**
   * One {@code bin/train} run: the small preset of {@code stage} and the flags that condition an
   * sres stage.
   */
  private record Variant(String label, String stage, List<String> flags) {}

  @Override
  public void run(BenchContext context, Report report) throws Exception {
    Path lres = context.work().resolve("train-lres");
    List<Variant> variants = List.of(new Variant("lres", "lres", List.of()),
        new Variant("sres", "sres", List.of("--below=" + lres)),
        new Variant("sres-real", "sres", List.of("--condition=real")));
    Map<String, Double> iteration = new LinkedHashMap<>();
    for (Variant v : variants) {
      iteration.put(v.label(), measure(context, report, v));
    }
    double below = iteration.get("sres");
    double real = iteration.get("sres-real");
    report.add(Figure.of(name(), "sres iteration, --below vs --condition=real, " + REPLICAS
        + " replicas", below / real, "x", String.format(Locale.ROOT, "%.2f s vs %.2f s: the "
            + "stage below generating the fake pairs' conditioning (SSW-GAN eq. 3) against real "
            + "low-res views", below, real)));
  }

  /** Trains {@code v} for the context's iterations, reports its figures; returns s/iteration. */
  private double measure(BenchContext context, Report report, Variant v) throws Exception {
    Path runDir = context.work().resolve("train-" + v.label());
    FileTrees.delete(runDir);
    List<String> command = new ArrayList<>(List.of(context.bin("train").toString(),
        "--stage=" + v.stage(), "--replicas=" + REPLICAS, "--steps=" + context.trainSteps(),
        "--out=" + runDir, "--log-every=1", "--checkpoint-every=1000000",
        "--sample-every=1000000"));
    command.addAll(v.flags());
    context.log(String.join(" ", command.subList(1, command.size())));
    Subprocess.run(command, context.work().resolve("train-" + v.label() + ".log"));
    List<RunEvents.Scalar> wait = RunEvents.read(runDir, "timing/data_wait_fraction");
    List<RunEvents.Scalar> pace = RunEvents.read(runDir, "timing/sec_per_step");
    if (wait.size() < 2 || pace.isEmpty()) {
      throw new IllegalStateException(runDir + ": expected a timing scalar per iteration");
    }
    RunEvents.Scalar first = wait.get(0);
    RunEvents.Scalar last = wait.get(wait.size() - 1);
    double s1 = pace.get(0).value();
    double span = last.wallTime() - first.wallTime();
    double steady = (last.value() * (s1 + span) - first.value() * s1) / span;
    double iteration = RunEvents.secondsPerIteration(wait);
    StageConfig c = BenchContext.small(v.stage());
    double samples = c.getOptimization().getDStepsPerGStep()
        * c.getOptimization().getBatchSize() / iteration;
    report.add(new Figure(name(), v.label() + " data-wait share, " + REPLICAS + " replicas",
        steady, "%", DATA_WAIT, String.format(Locale.ROOT, "iterations 2..%d; %.1f%% as the "
            + "trainer reports it (from iteration 1)", last.step(), 100 * last.value())));
    report.add(Figure.of(name(), v.label() + " training throughput, " + REPLICAS + " replicas",
        samples, "samples/s", String.format(Locale.ROOT, "%.1f kimg/h; %.2f s/iteration "
            + "(batch %d, %d D steps + 1 G step%s)", samples * 3.6, iteration,
            c.getOptimization().getBatchSize(), c.getOptimization().getDStepsPerGStep(),
            c.getOptimization().getEma().getEnabled() ? " + EMA" : "")));
    report.raw(name(), v.label() + "_data_wait_fraction", wait.stream()
        .map(RunEvents.Scalar::value).toList());
    report.raw(name(), v.label() + "_wall_times", wait.stream()
        .map(RunEvents.Scalar::wallTime).toList());
    return iteration;
  }
}
