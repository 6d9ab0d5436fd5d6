package io.vidgan.replicas;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.replicas.devices.ClusterSpec;
import java.net.ServerSocket;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A worker serves one chief process: the first that greets or assigns, until it is gone. */
class ServedChiefTest {
  @Test
  @Timeout(60)
  void servesTheFirstChiefOnlyAndNoticesWhenItIsGone() throws Exception {
    CountDownLatch gone = new CountDownLatch(1);
    try (ServerSocket chief = new ServerSocket(0)) {
      ClusterSpec cluster = ClusterSpec.parse("localhost:" + chief.getLocalPort()
          + ",localhost:1");
      ServedChief served = new ServedChief(cluster, gone::countDown);
      assertTrue(served.accepts(42));
      assertTrue(served.accepts(42), "the same chief greeting again");
      assertFalse(served.accepts(43), "another chief process");
      served.assigned();
      assertTrue(served.accepts(42), "assignments of the served chief change nothing");
      assertFalse(gone.await(2 * ServedChief.PROBE_MILLIS, TimeUnit.MILLISECONDS),
          "the chief is listening");
    }
    assertTrue(gone.await(10L * ServedChief.GONE_PROBES * ServedChief.PROBE_MILLIS,
        TimeUnit.MILLISECONDS), "the chief's port closed");
  }

  @Test
  void aWorkerAssignedWithoutAGreetingRefusesEveryChiefThatGreetsIt() throws Exception {
    try (ServerSocket chief = new ServerSocket(0)) {
      ServedChief served = new ServedChief(ClusterSpec.parse("localhost:"
          + chief.getLocalPort() + ",localhost:1"), () -> { });
      served.assigned();
      assertFalse(served.accepts(42), "its server served whoever assigned it");
    }
  }

  @Test
  @Timeout(60)
  void aWorkerNoChiefGreetsGivesUpAfterItsWaitAndOneServingDoesNot() throws Exception {
    try (ServerSocket chief = new ServerSocket(0)) {
      ClusterSpec cluster = ClusterSpec.parse("localhost:" + chief.getLocalPort()
          + ",localhost:1");
      CountDownLatch unserved = new CountDownLatch(1);
      new ServedChief(cluster, () -> { }).expectWithin(0.2, unserved::countDown);
      assertTrue(unserved.await(30, TimeUnit.SECONDS), "no chief greeted it");

      CountDownLatch served = new CountDownLatch(1);
      ServedChief greeted = new ServedChief(cluster, () -> { });
      greeted.expectWithin(0.2, served::countDown);
      assertTrue(greeted.accepts(42));
      assertFalse(served.await(2, TimeUnit.SECONDS), "a chief greeted it in time");
    }
  }
}
