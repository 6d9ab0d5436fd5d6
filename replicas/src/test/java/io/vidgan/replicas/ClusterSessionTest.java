package io.vidgan.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vidgan.ops.Scopes;
import io.vidgan.replicas.devices.ClusterServer;
import io.vidgan.replicas.devices.ClusterSession;
import io.vidgan.replicas.devices.ClusterSpec;
import io.vidgan.replicas.devices.Devices;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/** A session against a gRPC target runs ops placed on the cluster's devices. */
class ClusterSessionTest {
  private static final DeviceSpec TASK_0 = DeviceSpec.newBuilder().job(ClusterSpec.JOB)
      .replica(0).task(0).deviceType(DeviceSpec.DeviceType.CPU).deviceIndex(0).build();

  private static void build(Graph g) {
    Ops tf = Scopes.root(g).withDevice(TASK_0);
    tf.withName("sum").math.add(tf.constant(2f), tf.constant(3f));
  }

  @Test
  @Timeout(60)
  void runsOnTheTargetServerAndReleasesTheGraph() throws Exception {
    ClusterSpec cluster = ClusterSpec.parse(WorkerProcess.freeCluster(1));
    ClusterServer server = ClusterServer.start(cluster, 0, Devices.cluster(cluster, 1, 0));
    try (Graph g = new Graph()) {
      build(g);
      try (Session s = ClusterSession.open(g, server.target(), ConfigProto.getDefaultInstance());
          TFloat32 sum = (TFloat32) s.runner().fetch("sum").run().get(0)) {
        assertEquals(5f, sum.getFloat());
      }
    }
  }

  @Test
  void aLocalSessionHasNoClusterDevices() {
    try (Graph g = new Graph(); Session s = new Session(g)) {
      build(g);
      assertThrows(RuntimeException.class, () -> s.runner().fetch("sum").run());
    }
  }
}
