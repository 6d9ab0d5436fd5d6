package io.vidgan.replicas;

import io.vidgan.replicas.devices.TfConfig;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM serving one task of a loopback test cluster: a {@code bin/worker}, or a {@code bin/train}
 * whose role comes from {@code TF_CONFIG}; closing kills it.
 */
final class WorkerProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private WorkerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** {@code tasks} free loopback addresses, e.g. {@code localhost:41234,localhost:41235}. */
  static String freeCluster(int tasks) throws IOException {
    List<String> addresses = new ArrayList<>();
    List<ServerSocket> held = new ArrayList<>();
    try {
      for (int i = 0; i < tasks; i++) {
        ServerSocket s = new ServerSocket(0);
        held.add(s);
        addresses.add("localhost:" + s.getLocalPort());
      }
    } finally {
      for (ServerSocket s : held) {
        s.close();
      }
    }
    return String.join(",", addresses);
  }

  /**
   * Starts task {@code task} and waits until it serves (its log says so).
   *
   * @param more further {@code bin/worker} flags
   */
  static WorkerProcess start(String cluster, int task, int replicas, Path dir, String... more)
      throws Exception {
    Path log = dir.resolve("worker-" + task + "-" + System.nanoTime() + ".log");
    List<String> args = new ArrayList<>(List.of("--cluster=" + cluster, "--task=" + task,
        "--replicas=" + replicas));
    args.addAll(List.of(more));
    Process p = spawn(Worker.class, args, Map.of(), log);
    WorkerProcess worker = new WorkerProcess(p, log);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (!Files.readString(log).contains("serving")) {
      if (!p.isAlive() || System.nanoTime() > deadline) {
        worker.close();
        throw new IllegalStateException("worker " + task + " did not start: " + worker.log());
      }
      Thread.sleep(50);
    }
    return worker;
  }

  /**
   * Starts {@code bin/train ARGS} with {@code TF_CONFIG} set to {@code tfConfig}, its output in
   * {@code log}.
   */
  static WorkerProcess train(String tfConfig, List<String> args, Path log) throws IOException {
    return new WorkerProcess(spawn(Train.class, args, Map.of(TfConfig.ENV, tfConfig), log), log);
  }

  /** The java command running {@code main} with this JVM's classpath. */
  static List<String> java(Class<?> main) {
    return List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
        main.getName());
  }

  private static Process spawn(Class<?> main, List<String> args, Map<String, String> env,
      Path log) throws IOException {
    List<String> command = new ArrayList<>(java(main));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  String log() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      return e.toString();
    }
  }

  /** The exit status, once the process ended within {@code seconds}. */
  int exitStatus(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      throw new IllegalStateException("still running after " + seconds + " s: " + log());
    }
    return process.exitValue();
  }

  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly().waitFor();
  }
}
