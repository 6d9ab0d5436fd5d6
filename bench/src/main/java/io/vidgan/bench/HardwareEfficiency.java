package io.vidgan.bench;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.tensorflow.proto.StepStats;

/**
 * Hardware efficiency: achieved FLOP/s of a training iteration ({@code d_steps_per_g_step} D
 * steps and one G step, FLOPs from {@link FlopCounter}) on one replica, against the FLOP/s of a
 * large fp32 MatMul ({@link MatMulPeak}) timed alternately with the steps. Where the rest goes:
 * one traced D step and one traced G step per stage, grouped by op type ({@link StepProfile}),
 * and each convolution pass's rate in that trace ({@link ConvolutionPass}) as a share of the
 * same MatMul FLOP/s.
 */
final class HardwareEfficiency implements Measurement {
  static final Target TARGET = Target.atLeast(0.60);
  static final int TOP_OPS = 5;

  @Override
  public String name() {
    return "efficiency";
  }

  @Override
  public String summary() {
    return "achieved FLOP/s of lres and sres train steps vs a large fp32 MatMul; profile";
  }

  @Override
  public void run(BenchContext context, Report report) throws Exception {
    StringBuilder table = new StringBuilder("| stage | kernel time / wall | top op types "
        + "(share of kernel time) |\n|---|---|---|\n");
    try (MatMulPeak matmul = new MatMulPeak()) {
      for (String stage : List.of("lres", "sres")) {
        table.append(stage(context, report, matmul, stage));
      }
    }
    report.section("Where a 1-replica train step's time goes (one traced D and G step each)",
        table.toString());
  }

  /** Times the stage's D and G steps in turn with the MatMul; returns its profile table row. */
  private String stage(BenchContext context, Report report, MatMulPeak matmul, String stage)
      throws Exception {
    StepTimer timer = context.timer(stage, 1);
    FlopCounter.Count countD = count(timer, StepTimer.Step.D, report, stage);
    FlopCounter.Count countG = count(timer, StepTimer.Step.G, report, stage);
    long flopsD = countD.flops();
    long flopsG = countG.flops();
    timer.time(StepTimer.Step.D);
    timer.time(StepTimer.Step.G);
    double[][] t = new double[3][context.reps()];
    for (int i = 0; i < context.reps(); i++) {
      t[0][i] = Timing.seconds(matmul::run);
      t[1][i] = timer.time(StepTimer.Step.D);
      t[2][i] = timer.time(StepTimer.Step.G);
    }
    double peak = MatMulPeak.flops() / Timing.median(t[0]);
    double tD = Timing.median(t[1]);
    double tG = Timing.median(t[2]);
    int d = timer.config().getOptimization().getDStepsPerGStep();
    double achieved = (d * flopsD + flopsG) / (d * tD + tG);
    report.add(new Figure(name(), stage + " train iteration, share of MatMul FLOP/s",
        achieved / peak, "%", TARGET, String.format(Locale.ROOT, "%.1f of %.1f GFLOP/s "
            + "(MatMul %d^3); D %.1f GFLOP in %.0f ms, G %.1f GFLOP in %.0f ms", achieved / 1e9,
            peak / 1e9, MatMulPeak.SIZE, flopsD / 1e9, 1e3 * tD, flopsG / 1e9, 1e3 * tG)));
    report.raw(name(), stage + "_matmul_seconds", t[0]);
    report.raw(name(), stage + "_D_seconds", t[1]);
    report.raw(name(), stage + "_G_seconds", t[2]);
    Map<String, Long> flops = new TreeMap<>(countD.byOpType());
    countG.byOpType().forEach((type, f) -> flops.merge(type, f, Long::sum));
    return profile(timer, stage, report, flops, peak);
  }

  private FlopCounter.Count count(StepTimer timer, StepTimer.Step step, Report report,
      String stage) {
    FlopCounter.Count c = FlopCounter.count(timer.graph().graph(), List.of(timer.target(step)));
    report.raw(name(), stage + "_" + step + "_flops_by_op", c.byOpType());
    report.raw(name(), stage + "_" + step + "_unknown_shapes", c.unknown());
    return c;
  }

  /**
   * Traces one D and one G step; reports each convolution pass's kernel rate against {@code
   * peak} (FLOP/s) from the steps' FLOPs by op type, and returns the profile's table row.
   */
  private String profile(StepTimer timer, String stage, Report report, Map<String, Long> flops,
      double peak) {
    long t0 = System.nanoTime();
    StepStats d = timer.trace(StepTimer.Step.D);
    StepStats g = timer.trace(StepTimer.Step.G);
    double wallMicros = (System.nanoTime() - t0) / 1e3;
    StepProfile p = StepProfile.of(d.toBuilder().addAllDevStats(g.getDevStatsList()).build());
    report.raw(name(), stage + "_profile_top_ops", p.json(15));
    report.raw(name(), stage + "_profile_wall_ms", wallMicros / 1e3);
    ConvolutionPass.rates(flops, p.byType()).forEach((pass, r) -> report.add(Figure.of(name(),
        stage + " convolution " + pass.label() + " kernels, share of MatMul FLOP/s",
        r.flopsPerSecond() / peak, "%", String.format(Locale.ROOT, "%.1f GFLOP/s: %.1f GFLOP "
            + "in %.0f ms of kernel time (one traced D and G step)", r.flopsPerSecond() / 1e9,
            r.flops() / 1e9, r.micros() / 1e3))));
    return String.format(Locale.ROOT, "| %s | %.0f%% | %s |%n", stage,
        100 * p.totalMicros() / wallMicros, p.top(TOP_OPS));
  }
}
