package io.vidgan.bench;

import java.util.List;
import java.util.Locale;

/**
 * Replica overhead: D and G step times of the small lres and sres presets on 8 replicas against 1
 * replica at the same global batch, as {@code bin/train} runs them (on a CPU: one tower for all
 * replicas, see {@code Devices}); and, without a target, with one tower per replica on logical CPU
 * devices (the layout of 8 GPUs, here sharing 2 cores). The graphs are timed alternately, step by
 * step, so machine noise hits them alike; each figure is a ratio of medians.
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
      StepTimer towers = context.timer(stage, REPLICAS, true);
      for (StepTimer.Step step : StepTimer.Step.values()) {
        double[][] t = alternate(context, step, one, many, towers);
        double m1 = Timing.median(t[0]);
        double mn = Timing.median(t[1]);
        double mt = Timing.median(t[2]);
        report.add(new Figure(name(), String.format(Locale.ROOT, "%s %s step, %d vs 1 replicas",
            stage, step, REPLICAS), mn / m1, "x", TARGET, String.format(Locale.ROOT,
            "%.0f vs %.0f ms", 1e3 * mn, 1e3 * m1)));
        report.add(Figure.of(name(), String.format(Locale.ROOT, "%s %s step, %d towers vs 1 "
            + "(logical CPU devices)", stage, step, REPLICAS), mt / m1, "x",
            String.format(Locale.ROOT, "%.0f vs %.0f ms", 1e3 * mt, 1e3 * m1)));
        report.raw(name(), stage + "_" + step + "_seconds_1", t[0]);
        report.raw(name(), stage + "_" + step + "_seconds_" + REPLICAS, t[1]);
        report.raw(name(), stage + "_" + step + "_seconds_" + REPLICAS + "_towers", t[2]);
      }
    }
  }

  /** Seconds per step of each timer, timed in turn after one warm-up step each. */
  private static double[][] alternate(BenchContext context, StepTimer.Step step,
      StepTimer... timers) {
    for (StepTimer timer : timers) {
      timer.time(step);
    }
    double[][] t = new double[timers.length][context.reps()];
    for (int i = 0; i < context.reps(); i++) {
      for (int k = 0; k < timers.length; k++) {
        t[k][i] = timers[k].time(step);
      }
    }
    StringBuilder line = new StringBuilder(timers[0].config().getName() + " " + step + " step:");
    for (int k = 0; k < timers.length; k++) {
      line.append(String.format(Locale.ROOT, " %.0f ms (%d replicas)", 1e3 * Timing.median(t[k]),
          timers[k].graph().replicas()));
    }
    context.log(line.toString());
    return t;
  }
}
