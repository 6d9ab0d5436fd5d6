package io.vidgan.bench;

import io.vidgan.cli.FileTrees;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * A super-resolution stage trains on windows (HVG §3.2, "partial view training"; SSW-GAN eq. 6),
 * so its training memory must not grow with the length of the videos: HVG App. B.5, "the second
 * level has a fixed memory cost of 10290MB" whatever the length. Measured on the real trainer:
 * peak RSS of {@code bin/train --stage=sres} (small/sres) on 1x, 2x and 4x longer videos, the
 * stage below (small/lres, trained one iteration on those videos) making {@code k} times its
 * clip length ({@code --below}) and the built-in dataset's videos {@code k} times as long; a
 * change that made sres training hold whole videos, or its stage below generate more than it
 * needs, would show as growth.
 */
final class SresLengthMemory {
  static final Target FLAT = Target.atMost(1.05);
  static final int[] LENGTHS = {1, 2, 4};
  /** Frames of the built-in dataset's videos at 1x (small/lres spans 32 of them). */
  static final int DATA_FRAMES = 64;

  private final String measurement;

  SresLengthMemory(String measurement) {
    this.measurement = measurement;
  }

  void run(BenchContext context, Report report) throws Exception {
    Path dir = context.work().resolve("cost").resolve("sres-length");
    FileTrees.delete(dir);
    Files.createDirectories(dir);
    StageConfig lres = BenchContext.small("lres");
    for (int k : LENGTHS) {
      Path config = dir.resolve("lres-" + k + "x.pbtxt");
      Files.writeString(config, StageConfigs.toText(lres.toBuilder().setVideo(lres.getVideo()
          .toBuilder().setFrames(k * lres.getVideo().getFrames())).build()),
          StandardCharsets.UTF_8);
      train(context, dir, "lres-" + k + "x", k, List.of("--stage=lres", "--config=" + config,
          "--steps=1"));
    }
    double[][] kb = new double[LENGTHS.length][context.reps()];
    double[][] seconds = new double[LENGTHS.length][context.reps()];
    for (int i = 0; i < context.reps(); i++) {
      for (int j = 0; j < LENGTHS.length; j++) {
        int k = LENGTHS[j];
        String label = "sres-" + k + "x-" + i;
        kb[j][i] = train(context, dir, label, k, List.of("--stage=sres",
            "--below=" + dir.resolve("lres-" + k + "x"), "--steps=" + context.trainSteps(),
            "--log-every=1"));
        seconds[j][i] = secondsPerIteration(dir.resolve(label));
        context.log(String.format(Locale.ROOT, "sres on %dx video length: peak RSS %,.0f MB, "
            + "%.2f s/iteration", k, kb[j][i] / 1024, seconds[j][i]));
      }
    }
    int frames = lres.getVideo().getFrames();
    for (int j = 1; j < LENGTHS.length; j++) {
      int k = LENGTHS[j];
      double base = Timing.median(kb[0]);
      double longer = Timing.median(kb[j]);
      report.add(new Figure(measurement, "sres training peak RSS, " + k + "x vs 1x video length",
          longer / base, "x", FLAT, String.format(Locale.ROOT, "%,.0f vs %,.0f MB; stage below "
              + "%d vs %d frames, data %d vs %d frames", longer / 1024, base / 1024, k * frames,
              frames, k * DATA_FRAMES, DATA_FRAMES)));
      double t = Timing.median(seconds[j]);
      double t1 = Timing.median(seconds[0]);
      report.add(Figure.of(measurement, "sres iteration time, " + k + "x vs 1x video length",
          t / t1, "x", String.format(Locale.ROOT, "%.2f vs %.2f s (iterations 2..%d): the stage "
              + "below generates whole clips for the windows", t, t1, context.trainSteps())));
    }
    for (int j = 0; j < LENGTHS.length; j++) {
      report.raw(measurement, "sres_peak_rss_kb_" + LENGTHS[j] + "x", kb[j]);
      report.raw(measurement, "sres_seconds_per_iteration_" + LENGTHS[j] + "x", seconds[j]);
    }
  }

  /** Seconds per iteration of a run over iterations 2..n (the first is warm-up). */
  private static double secondsPerIteration(Path runDir) throws Exception {
    List<RunEvents.Scalar> s = RunEvents.read(runDir, "timing/sec_per_step");
    if (s.size() < 2) {
      throw new IllegalStateException(runDir + ": expected a timing scalar per iteration");
    }
    return RunEvents.secondsPerIteration(s);
  }

  /** One {@code bin/train} run on {@code k}x longer videos; returns its peak RSS in KB. */
  private static double train(BenchContext context, Path dir, String label, int k,
      List<String> flags) throws Exception {
    List<String> command = new ArrayList<>(List.of(context.bin("train").toString(),
        "--out=" + dir.resolve(label), "--data=builtin:frames=" + k * DATA_FRAMES,
        "--checkpoint-every=1000000", "--sample-every=1000000"));
    command.addAll(flags);
    context.log(String.join(" ", command.subList(1, command.size())));
    return PeakRss.of(command, dir.resolve(label + ".log"), Map.of(Subprocess.JAVA_OPTS,
        String.join(" ", PeakRss.STEADY_JVM))).kilobytes();
  }
}
