package io.vidgan.bench;

import io.vidgan.graphs.config.Presets;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.Precision;
import io.vidgan.replicas.devices.Devices;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the measurements of one bench run share: settings, a progress log, the repository root
 * (for running {@code bin/} commands) and the step timers, built once per (stage, devices) and
 * reused by every measurement that needs them.
 */
final class BenchContext implements AutoCloseable {
  private final int reps;
  private final int trainSteps;
  private final Path work;
  private final Path root;
  private final PrintStream log;
  private final int[] replicaThreads;
  private final Map<String, StepTimer> timers = new LinkedHashMap<>();

  /**
   * @param reps repetitions of each timed quantity (medians are reported)
   * @param trainSteps iterations of each {@code bin/train} run
   * @param work directory for models and runs made by the bench
   * @param root repository root, holding {@code bin/}
   * @param replicaThreads {@code {intra, inter}} thread pools of step timers with one tower per
   *     replica, or null for the trainer's ({@code Devices.sessionConfig()})
   */
  BenchContext(int reps, int trainSteps, Path work, Path root, PrintStream log,
      int[] replicaThreads) {
    this.reps = reps;
    this.trainSteps = trainSteps;
    this.work = work;
    this.root = root;
    this.log = log;
    this.replicaThreads = replicaThreads;
  }

  int reps() {
    return reps;
  }

  int trainSteps() {
    return trainSteps;
  }

  Path work() {
    return work;
  }

  /** {@code bin/<command>} of this checkout. */
  Path bin(String command) {
    return root.resolve("bin").resolve(command);
  }

  void log(String message) {
    log.println("bench: " + message);
    log.flush();
  }

  /** The small preset of {@code stage} ({@code lres} or {@code sres}). */
  static StageConfig small(String stage) throws IOException {
    return Presets.resolve("small/" + stage);
  }

  /** The step timer of {@code small/<stage>} on {@code replicas} replicas, as bin/train runs. */
  StepTimer timer(String stage, int replicas) throws IOException {
    return timer(stage, replicas, false);
  }

  /**
   * The step timer of the small {@code stage} on {@code replicas} replicas.
   *
   * @param towers one tower per replica on logical CPU devices (as on GPUs), instead of the
   *     trainer's one CPU tower
   */
  StepTimer timer(String stage, int replicas, boolean towers) throws IOException {
    String key = stage + "/" + replicas + (towers ? "/towers" : "");
    StepTimer timer = timers.get(key);
    if (timer == null) {
      log("building the " + stage + " training graph on " + replicas + " replica(s)"
          + (towers ? ", one tower each" : ""));
      timer = towers ? new StepTimer(small(stage), Devices.logicalCpus(replicas), replicaThreads,
          Precision.FP32)
          : new StepTimer(small(stage), Devices.local(replicas, 0), null, Precision.FP32);
      timers.put(key, timer);
    }
    return timer;
  }

  @Override
  public void close() {
    timers.values().forEach(StepTimer::close);
    timers.clear();
  }
}
