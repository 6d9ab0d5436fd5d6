package io.vidgan.bench;

import io.vidgan.cli.FileTrees;
import io.vidgan.graphs.config.StageConfig;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
    return "bin/train on 8 replicas: data-wait share and samples/s, kimg/hour (small lres, sres)";
  }

  @Override
  public void run(BenchContext context, Report report) throws Exception {
    for (String stage : List.of("lres", "sres")) {
      Path runDir = context.work().resolve("train-" + stage);
      FileTrees.delete(runDir);
      context.log("bin/train --stage=" + stage + " --replicas=" + REPLICAS + " --steps="
          + context.trainSteps());
      List<String> command = new ArrayList<>(List.of(context.bin("train").toString(),
          "--stage=" + stage, "--replicas=" + REPLICAS, "--steps=" + context.trainSteps(),
          "--out=" + runDir, "--log-every=1", "--checkpoint-every=1000000",
          "--sample-every=1000000"));
      if (stage.equals("sres")) {
        command.add("--below=" + context.work().resolve("train-lres"));
      }
      Subprocess.run(command, context.work().resolve("train-" + stage + ".log"));
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
      double iteration = span / (last.step() - first.step());
      StageConfig c = BenchContext.small(stage);
      double samples = c.getOptimization().getDStepsPerGStep()
          * c.getOptimization().getBatchSize() / iteration;
      report.add(new Figure(name(), stage + " data-wait share, " + REPLICAS + " replicas",
          steady, "%", DATA_WAIT, String.format(Locale.ROOT, "iterations 2..%d; %.1f%% as the "
              + "trainer reports it (from iteration 1)", last.step(), 100 * last.value())));
      report.add(Figure.of(name(), stage + " training throughput, " + REPLICAS + " replicas",
          samples, "samples/s", String.format(Locale.ROOT, "%.1f kimg/h; %.2f s/iteration "
              + "(batch %d, %d D steps + 1 G step + EMA)", samples * 3.6, iteration,
              c.getOptimization().getBatchSize(), c.getOptimization().getDStepsPerGStep())));
      report.raw(name(), stage + "_data_wait_fraction", wait.stream()
          .map(RunEvents.Scalar::value).toList());
      report.raw(name(), stage + "_wall_times", wait.stream()
          .map(RunEvents.Scalar::wallTime).toList());
    }
  }
}
