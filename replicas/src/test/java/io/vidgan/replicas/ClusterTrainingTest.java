package io.vidgan.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.ops.io.CheckpointState;
import io.vidgan.ops.testing.TfRun;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/train --cluster} on loopback: worker JVMs ({@code bin/worker}) plus the chief in this
 * JVM, on ports chosen free at test time.
 */
class ClusterTrainingTest {
  private static final int TIMEOUT_SECONDS = 30;

  /** Tiny lres with Adam's epsilon raised, as in {@link ReplicaEquivalence} (why: see there). */
  private static Path config(Path dir) throws Exception {
    Path config = dir.resolve("tiny_lres_eps.pbtxt");
    Files.writeString(config, Files.readString(Path.of("../configs/tiny/lres.pbtxt"))
        .replace("learning_rate: 1e-3 }", "learning_rate: 1e-3 epsilon: 1e-3 }")
        .replace("learning_rate: 2e-3 }", "learning_rate: 2e-3 epsilon: 1e-3 }"));
    return config;
  }

  private static String[] args(Path config, Path out, int steps, int replicas, String... more) {
    List<String> a = new ArrayList<>(List.of("--stage=lres", "--config=" + config,
        "--out=" + out, TrainCommandTest.DATA, "--steps=" + steps, "--batch=" + 2 * replicas,
        "--replicas=" + replicas, "--checkpoint-every=1", "--sample-every=100000",
        "--log-every=1", "--timeout=" + TIMEOUT_SECONDS));
    a.addAll(List.of(more));
    return a.toArray(new String[0]);
  }

  @Test
  @Timeout(300)
  void twoWorkersAndTheChiefReachTheVariablesOfOneProcess(@TempDir Path dir) throws Exception {
    Path config = config(dir);
    String cluster = WorkerProcess.freeCluster(3);
    Path distributed = dir.resolve("cluster");
    try (WorkerProcess one = WorkerProcess.start(cluster, 1, 3, dir);
        WorkerProcess two = WorkerProcess.start(cluster, 2, 3, dir)) {
      assertEquals(0, TrainCommandTest.train(args(config, distributed, 2, 3,
          "--cluster=" + cluster, "--task=0")), () -> one.log() + two.log());
    }
    Path local = dir.resolve("local");
    assertEquals(0, TrainCommandTest.train(args(config, local, 2, 3)));
    Map<String, float[]> a = CheckpointValues.read(local.resolve("ckpt-00000002/variables")
        .toString());
    Map<String, float[]> b = CheckpointValues.read(distributed.resolve(
        "ckpt-00000002/variables").toString());
    assertEquals(a.keySet(), b.keySet());
    for (String name : a.keySet()) {
      double diff = TfRun.maxAbsDiff(a.get(name), b.get(name));
      assertTrue(diff < 1e-5, name + " differs by " + diff);
    }
  }

  @Test
  @Timeout(300)
  void aKilledWorkerStopsTheChiefWithinTheTimeoutAndResumeContinues(@TempDir Path dir)
      throws Exception {
    Path config = config(dir);
    String cluster = WorkerProcess.freeCluster(2);
    Path run = dir.resolve("run");
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream err = System.err;
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    long stopped;
    int code;
    try (WorkerProcess worker = WorkerProcess.start(cluster, 1, 2, dir)) {
      CompletableFuture<Integer> chief = CompletableFuture.supplyAsync(() ->
          TrainCommandTest.train(args(config, run, 100_000, 2, "--cluster=" + cluster,
              "--task=0")));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
      while (listedSteps(run) < 1) {
        assertTrue(!chief.isDone() && System.nanoTime() < deadline, "no checkpoints");
        Thread.sleep(50);
      }
      worker.close();
      long killed = System.nanoTime();
      code = chief.get(2 * TIMEOUT_SECONDS + 10, TimeUnit.SECONDS);
      stopped = System.nanoTime() - killed;
    } finally {
      System.setErr(err);
    }
    String message = captured.toString(StandardCharsets.UTF_8);
    assertEquals(1, code, message);
    assertTrue(message.contains("task 1 (" + cluster.split(",")[1] + ")"), message);
    assertTrue(stopped < TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS + 5),
        "stopped " + stopped / 1e9 + " s after the kill");
    long last = listedSteps(run);
    assertFalse(CheckpointValues.read(run.resolve(Checkpoints.name(last)).resolve(
        Checkpoints.VARIABLES).toString()).isEmpty());

    String restarted = WorkerProcess.freeCluster(2);
    try (WorkerProcess worker = WorkerProcess.start(restarted, 1, 2, dir)) {
      assertEquals(0, TrainCommandTest.train("--resume=" + run, "--steps=" + (last + 1),
          "--cluster=" + restarted, "--task=0"), worker::log);
    }
    assertEquals(last + 1, listedSteps(run));
  }

  @Test
  void badClusterFlagsExitWithTwoBeforeWritingTheRun(@TempDir Path dir) throws Exception {
    Path out = dir.resolve("run");
    String two = WorkerProcess.freeCluster(2);
    assertEquals(2, TrainCommandTest.train("--stage=lres", "--out=" + out, "--task=0"));
    assertEquals(2, TrainCommandTest.train("--stage=lres", "--out=" + out, "--cluster=a:1,a:1",
        "--task=0"));
    assertEquals(2, TrainCommandTest.train("--stage=lres", "--out=" + out, "--cluster=" + two,
        "--task=1"));
    assertEquals(2, TrainCommandTest.train("--stage=lres", "--out=" + out, "--cluster=" + two,
        "--task=0", "--replicas=3"));
    try (ServerSocket taken = new ServerSocket(0)) {
      assertEquals(2, TrainCommandTest.train("--stage=lres", "--out=" + out,
          "--cluster=localhost:" + taken.getLocalPort() + ",localhost:1", "--task=0"));
    }
    assertFalse(Files.exists(out.resolve(Train.CONFIG_FILE)));
  }

  private static long listedSteps(Path run) throws Exception {
    return CheckpointState.read(run).map(s -> Long.parseLong(s.latest().replaceAll("\\D", "")))
        .orElse(0L);
  }
}
