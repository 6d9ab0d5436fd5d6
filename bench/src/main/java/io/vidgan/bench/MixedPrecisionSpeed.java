package io.vidgan.bench;

import io.vidgan.ops.Precision;
import io.vidgan.replicas.ComputePrecision;
import io.vidgan.replicas.devices.Devices;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;

/**
 * Mixed precision: the small lres train iteration ({@code d_steps_per_g_step} D steps and one G
 * step, one replica) with convolutions and matrix products in bf16 against the same iteration in
 * fp32, timed alternately in one process. Both graphs do the same products (FLOPs counted by
 * {@link FlopCounter}, shown side by side); bf16 is timed as asked, even on a CPU without native
 * bf16, where {@code bin/train} would fall back to fp32 (the detail says which CPU this was).
 * One traced iteration per precision then shows which op types take each one's time ({@link
 * StepProfile}).
 */
final class MixedPrecisionSpeed implements Measurement {
  static final Target TARGET = Target.atMost(0.60);
  private static final int TOP_OPS = 8;
  private static final String STAGE = "lres";

  @Override
  public String name() {
    return "precision";
  }

  @Override
  public String summary() {
    return "lres train iteration in bf16 vs fp32 (--precision), same FLOPs, one run";
  }

  @Override
  public void run(BenchContext context, Report report) throws Exception {
    context.log("building the " + STAGE + " training graph in fp32 and in bf16");
    try (StepTimer fp32 = timer(Precision.FP32); StepTimer bf16 = timer(Precision.BF16)) {
      long flops32 = iterationFlops(fp32);
      long flops16 = iterationFlops(bf16);
      iteration(fp32);
      iteration(bf16);
      double[][] t = new double[2][context.reps()];
      for (int i = 0; i < context.reps(); i++) {
        t[0][i] = iteration(fp32);
        t[1][i] = iteration(bf16);
      }
      double t32 = Timing.median(t[0]);
      double t16 = Timing.median(t[1]);
      double load = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
      report.add(new Figure(name(), STAGE + " train iteration, bf16 vs fp32", t16 / t32, "x",
          TARGET, String.format(Locale.ROOT, "%.0f vs %.0f ms; %.1f vs %.1f GFLOP; CPU native "
              + "bf16 (%s): %s; load average %.2f", 1e3 * t16, 1e3 * t32, flops16 / 1e9,
              flops32 / 1e9, String.join("/", List.of("avx512_bf16", "amx_bf16")),
              ComputePrecision.cpuHasNativeBf16() ? "yes" : "no", load)));
      report.raw(name(), "fp32_iteration_seconds", t[0]);
      report.raw(name(), "bf16_iteration_seconds", t[1]);
      report.raw(name(), "fp32_flops", flops32);
      report.raw(name(), "bf16_flops", flops16);
      report.raw(name(), "load_average_after", load);
      StringBuilder rows = new StringBuilder("| precision | kernel time | top op types (share of "
          + "kernel time) |\n|---|---|---|\n");
      for (StepTimer timer : List.of(fp32, bf16)) {
        String precision = timer == fp32 ? "fp32" : "bf16";
        StepProfile p = StepProfile.of(timer.traceIteration());
        report.raw(name(), precision + "_profile_top_ops", p.json(15));
        rows.append(String.format(Locale.ROOT, "| %s | %.0f ms | %s |%n", precision,
            p.totalMicros() / 1e3, p.top(TOP_OPS)));
      }
      report.section("Where the " + STAGE + " iteration's time goes in fp32 and bf16 (one "
          + "traced iteration each)", rows.toString());
    }
  }

  private static StepTimer timer(Precision precision) throws Exception {
    return new StepTimer(BenchContext.small(STAGE), Devices.local(1, 0), null, precision);
  }

  /** Seconds of one iteration: the config's D steps, then one G step. */
  private static double iteration(StepTimer timer) {
    int d = timer.config().getOptimization().getDStepsPerGStep();
    double seconds = 0;
    for (int i = 0; i < d; i++) {
      seconds += timer.time(StepTimer.Step.D);
    }
    return seconds + timer.time(StepTimer.Step.G);
  }

  private static long iterationFlops(StepTimer timer) {
    int d = timer.config().getOptimization().getDStepsPerGStep();
    return d * flops(timer, StepTimer.Step.D) + flops(timer, StepTimer.Step.G);
  }

  private static long flops(StepTimer timer, StepTimer.Step step) {
    return FlopCounter.count(timer.graph().graph(), List.of(timer.target(step))).flops();
  }
}
