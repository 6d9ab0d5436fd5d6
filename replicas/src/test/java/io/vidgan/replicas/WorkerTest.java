package io.vidgan.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/worker} usage errors exit with 2 before serving anything; a worker no chief greets
 * exits after {@code --wait-for-chief}.
 */
class WorkerTest {
  private static int worker(String... args) {
    return new Worker().execute(args);
  }

  @Test
  void badClusterTaskOrReplicasExitWithTwo() {
    assertEquals(2, worker("--task=1"));
    assertEquals(2, worker("--cluster=localhost", "--task=1"));
    assertEquals(2, worker("--cluster=a:1,b:70000", "--task=1"));
    assertEquals(2, worker("--cluster=a:1,b:2", "--task=2"));
    assertEquals(2, worker("--cluster=a:1,b:2", "--task=0"));
    assertEquals(2, worker("--cluster=a:1,b:2", "--task=one"));
    assertEquals(2, worker("--cluster=a:1,b:2", "--task=1", "--replicas=3"));
  }

  @Test
  void aPortInUseExitsWithTwo() throws Exception {
    try (ServerSocket taken = new ServerSocket(0)) {
      assertEquals(2, worker("--cluster=localhost:1,localhost:" + taken.getLocalPort(),
          "--task=1"));
    }
  }

  /** A worker started after its run finished (no chief comes) exits 0 with one line. */
  @Test
  void aWorkerNoChiefGreetsExitsAfterItsWait(@TempDir Path dir) throws Exception {
    String cluster = WorkerProcess.freeCluster(2);
    try (WorkerProcess w = WorkerProcess.start(cluster, 1, 2, dir, "--wait-for-chief=1")) {
      assertEquals(Worker.NO_CHIEF_STATUS, w.exitStatus(60), w.log());
      assertTrue(w.log().contains("worker: task 1: no chief greeted this worker within 1.0 s "
          + "(--wait-for-chief): its run is finished, or its chief (" + cluster.split(",")[0]
          + ") never started; exiting with status 0\n"), w.log());
    }
    assertEquals(2, worker("--cluster=" + cluster, "--task=1", "--wait-for-chief=0"));
  }
}
