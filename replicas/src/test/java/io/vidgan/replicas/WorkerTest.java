package io.vidgan.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** {@code bin/worker} usage errors exit with 2 before serving anything. */
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
}
