package io.vidgan.bench;

import java.util.List;
import java.util.Locale;

/**
 * Replica overhead: D and G step times of the small lres and sres presets on 8 replicas (logical
 * CPU devices here) against 1 replica at the same global batch. The two graphs are timed
 * alternately, step by step, so machine noise hits both alike; the figure is the ratio of medians.
 */
final class ReplicaOverhead implements Measurement {
  static final int REPLICAS = 8;
  static final Target TARGET = Target.atMost(1.10);

  @Override
  public String name() {
    return "replicas";
  }

  @Override
  public String summary() {
    return "train step time, 8 replicas vs 1 at the same global batch (small lres, sres)";
  }

  @Override
  public void run(BenchContext context, Report report) throws Exception {
    for (String stage : List.of("lres", "sres")) {
      StepTimer one = context.timer(stage, 1);
      StepTimer many = context.timer(stage, REPLICAS);
      for (StepTimer.Step step : StepTimer.Step.values()) {
        double[][] t = alternate(context, step, one, many);
        double m1 = Timing.median(t[0]);
        double mn = Timing.median(t[1]);
        report.add(new Figure(name(), String.format(Locale.ROOT, "%s %s step, %d vs 1 replicas",
            stage, step, REPLICAS), mn / m1, "x", TARGET, String.format(Locale.ROOT,
            "%.0f vs %.0f ms", 1e3 * mn, 1e3 * m1)));
        report.raw(name(), stage + "_" + step + "_seconds_1", t[0]);
        report.raw(name(), stage + "_" + step + "_seconds_" + REPLICAS, t[1]);
      }
    }
  }

  /** Seconds per step of {@code a} and {@code b}, timed in turn after one warm-up step each. */
  static double[][] alternate(BenchContext context, StepTimer.Step step, StepTimer a,
      StepTimer b) {
    a.time(step);
    b.time(step);
    double[][] t = new double[2][context.reps()];
    for (int i = 0; i < context.reps(); i++) {
      t[0][i] = a.time(step);
      t[1][i] = b.time(step);
    }
    context.log(String.format(Locale.ROOT, "%s %s step: %.0f ms (%d replica) vs %.0f ms (%d)",
        a.config().getName(), step, 1e3 * Timing.median(t[0]), a.graph().replicas(),
        1e3 * Timing.median(t[1]), b.graph().replicas()));
    return t;
  }
}
