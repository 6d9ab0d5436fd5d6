package io.vidgan.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vidgan.ops.io.CheckpointState;
import io.vidgan.replicas.devices.TfConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Kill -9 trials of a self-healing cluster, run by {@code bin/soak cluster} and not by the
 * default suite (its name matches none of surefire's test patterns: minutes per trial). Each
 * trial starts a chief and two workers on loopback, each under its own {@code bin/supervise}
 * with the same {@code bin/train --auto-resume} command and the {@code TF_CONFIG} of its task, as
 * a TFJob runs them; kills one random process at a random moment (odd trials within 90 s of the
 * start but at the latest at the first checkpoint, even ones within 1 s of a random checkpoint
 * before the last); and requires the run to reach its target
 * step with every checkpoint written listed and readable. The time to recover is from the kill to
 * the first checkpoint newer than the newest one at the kill (the run training again).
 *
 * <p>Environment: {@code VIDGAN_CLUSTER_TRIALS} (default 10), {@code VIDGAN_SOAK_DIR} (default a
 * new temporary directory), {@code VIDGAN_SOAK_SEED}. The summary is printed and written to
 * {@code summary.txt} there.
 */
class ClusterFaultTrials {
  private static final int STEPS = 5;
  /** Kill moments: up to this long after the start, or this long after a checkpoint. */
  private static final long START_WINDOW_MILLIS = 90_000;
  private static final long TRAINING_WINDOW_MILLIS = 1_000;
  private static final long TRIAL_SECONDS = 900;
  private static final String[] ROLES = {"chief", "worker", "worker"};

  @Test
  void everyKilledProcessRestartsAndTheRunReachesItsTargetStep() throws Exception {
    Map<String, String> env = System.getenv();
    int trials = Integer.parseInt(env.getOrDefault("VIDGAN_CLUSTER_TRIALS", "10"));
    long seed = Long.parseLong(env.getOrDefault("VIDGAN_SOAK_SEED", "" + System.nanoTime()));
    Path work = env.containsKey("VIDGAN_SOAK_DIR") ? Path.of(env.get("VIDGAN_SOAK_DIR"))
        : Files.createTempDirectory("vidgan-cluster-soak");
    Files.createDirectories(work);
    Path config = ClusterTrainingTest.config(work);
    Random random = new Random(seed);
    List<String> lines = new ArrayList<>(List.of("seed " + seed + ", work directory " + work));
    List<Trial> done = new ArrayList<>();
    for (int i = 1; i <= trials; i++) {
      Trial t = trial(work.resolve("trial-" + i), config, i % 2 == 0, random);
      done.add(t);
      lines.add("trial " + i + ": " + t);
      System.out.println(lines.get(lines.size() - 1));
      Files.write(work.resolve("summary.txt"), lines, StandardCharsets.UTF_8);
    }
    List<Trial> ok = done.stream().filter(t -> t.failure().isEmpty()).toList();
    lines.add(String.format(Locale.ROOT, "cluster kill -9 trials: %d, recovered %d (run at its "
        + "target step %d, every checkpoint readable); mean time to recover %s; killed while "
        + "training (after a checkpoint) %s; killed while starting %s", trials, ok.size(),
        STEPS, recovery(ok), recovery(ok.stream().filter(t -> t.killedAtStep() > 0).toList()),
        recovery(ok.stream().filter(t -> t.killedAtStep() == 0).toList())));
    System.out.println(lines.get(lines.size() - 1));
    Files.write(work.resolve("summary.txt"), lines, StandardCharsets.UTF_8);
    int recovered = ok.size();
    assertEquals(trials, recovered, String.join("\n", lines));
  }

  /** Mean, min and max time to recover of {@code trials}. */
  private static String recovery(List<Trial> trials) {
    var stats = trials.stream().mapToDouble(Trial::recoverySeconds).summaryStatistics();
    return trials.isEmpty() ? "(none)" : String.format(Locale.ROOT, "%.1f s (%d trials, min "
        + "%.1f, max %.1f)", stats.getAverage(), trials.size(), stats.getMin(), stats.getMax());
  }

  /** What one trial did, and why it failed if it did. */
  private record Trial(String victim, long killedAtStep, double recoverySeconds,
      Optional<String> failure) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "killed the %s at step %d, recovered in %.1f s%s",
          victim, killedAtStep, recoverySeconds, failure.map(f -> "; FAILED: " + f).orElse(""));
    }
  }

  private static Trial trial(Path run, Path config, boolean midTraining, Random random)
      throws Exception {
    Files.createDirectories(run);
    String cluster = WorkerProcess.freeCluster(3);
    List<String> args = List.of(ClusterTrainingTest.args(config, run.resolve("run"), STEPS, 3,
        "--auto-resume", "--timeout=120", "--keep-checkpoints=1000"));
    List<Supervised> tasks = new ArrayList<>();
    try {
      for (int task = 0; task < 3; task++) {
        tasks.add(Supervised.start(TfConfigClusterTest.tfConfig(cluster, ROLES[task],
            task == 0 ? 0 : task - 1), args, run.resolve("task-" + task + ".log")));
      }
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TRIAL_SECONDS);
      int after = midTraining ? 1 + random.nextInt(STEPS - 1) : 0;
      while (listedStep(run) < after && tasks.get(0).process.isAlive()) {
        check(deadline);
        Thread.sleep(100);
      }
      long killAt = System.nanoTime() + (long) (random.nextDouble() * 1e6
          * (midTraining ? TRAINING_WINDOW_MILLIS : START_WINDOW_MILLIS));
      while (System.nanoTime() < killAt && (midTraining || listedStep(run) < 1)) {
        Thread.sleep(50);
      }
      int task = random.nextInt(3);
      String victim = task == 0 ? "chief" : "worker " + task;
      long before = listedStep(run);
      Optional<Long> killedAt = tasks.get(task).kill(deadline);
      if (killedAt.isEmpty()) {
        return new Trial(victim, before, 0, Optional.of("the run ended before the kill"));
      }
      long killed = killedAt.get();
      while (listedStep(run) <= before && tasks.get(0).process.isAlive()) {
        check(deadline);
        Thread.sleep(100);
      }
      double recovery = (System.nanoTime() - killed) / 1e9;
      if (!tasks.get(0).process.waitFor(TimeUnit.NANOSECONDS.toSeconds(deadline
          - System.nanoTime()), TimeUnit.SECONDS)) {
        return new Trial(victim, before, recovery, Optional.of("the chief did not finish"));
      }
      return new Trial(victim, before, recovery, verify(run, tasks));
    } finally {
      for (Supervised s : tasks) {
        s.stop();
      }
    }
  }

  /** Why the finished run is not what it must be, if it is not. */
  private static Optional<String> verify(Path run, List<Supervised> tasks) throws Exception {
    if (tasks.get(0).process.exitValue() != 0) {
      return Optional.of("the chief's supervisor exited " + tasks.get(0).process.exitValue());
    }
    for (int task = 1; task < tasks.size(); task++) {
      Process p = tasks.get(task).process;
      if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
        return Optional.of("worker " + task + " did not finish with the run");
      }
    }
    Path dir = run.resolve("run");
    if (listedStep(run) != STEPS) {
      return Optional.of("the newest checkpoint is of step " + listedStep(run));
    }
    List<String> listed = CheckpointState.read(dir).orElseThrow().prefixes();
    try (Stream<Path> entries = Files.list(dir)) {
      long dirs = entries.filter(p -> p.getFileName().toString().matches("ckpt-\\d+")).count();
      if (dirs != listed.size()) {
        return Optional.of(dirs + " checkpoint directories but " + listed.size() + " listed");
      }
    }
    for (String prefix : listed) {
      for (Map.Entry<String, float[]> v : CheckpointValues.read(dir.resolve(prefix).toString())
          .entrySet()) {
        for (float x : v.getValue()) {
          if (!Float.isFinite(x)) {
            return Optional.of(prefix + ": " + v.getKey() + " holds " + x);
          }
        }
      }
    }
    return Optional.empty();
  }

  private static long listedStep(Path run) throws IOException {
    return CheckpointState.read(run.resolve("run"))
        .map(s -> Long.parseLong(s.latest().replaceAll("\\D", ""))).orElse(0L);
  }

  private static void check(long deadline) {
    if (System.nanoTime() > deadline) {
      throw new IllegalStateException("trial took over " + TRIAL_SECONDS + " s");
    }
  }

  /** One task's {@code bin/supervise} running its {@code bin/train} JVM. */
  private record Supervised(Process process) {
    static Supervised start(String tfConfig, List<String> args, Path log) throws IOException {
      List<String> command = new ArrayList<>(List.of("bash", "../bin/supervise", "--delay=1",
          "--max-restarts=20", "--"));
      command.addAll(WorkerProcess.java(Train.class));
      command.addAll(args);
      ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      b.environment().put(TfConfig.ENV, tfConfig);
      return new Supervised(b.start());
    }

    /**
     * Kills the supervised JVM with SIGKILL (waiting for one between restarts); when, or empty
     * if the supervisor had ended.
     */
    Optional<Long> kill(long deadline) throws InterruptedException {
      while (process.isAlive()) {
        Optional<ProcessHandle> jvm = process.toHandle().children().findFirst();
        if (jvm.isPresent() && jvm.get().destroyForcibly()) {
          return Optional.of(System.nanoTime());
        }
        check(deadline);
        Thread.sleep(50);
      }
      return Optional.empty();
    }

    /** Stops the JVM, then the supervisor. */
    void stop() throws InterruptedException {
      process.toHandle().children().forEach(ProcessHandle::destroyForcibly);
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }
}
