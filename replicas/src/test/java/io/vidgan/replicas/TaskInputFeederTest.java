package io.vidgan.replicas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vidgan.data.BatchStream;
import io.vidgan.data.Datasets;
import io.vidgan.data.ReplicaStream;
import io.vidgan.data.VideoDataset;
import io.vidgan.graphs.config.Presets;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.testing.TfRun;
import io.vidgan.replicas.config.ChiefMessage;
import io.vidgan.replicas.config.TaskInput;
import io.vidgan.replicas.config.TrainerConfig;
import io.vidgan.replicas.devices.ClusterServer;
import io.vidgan.replicas.devices.ClusterSession;
import io.vidgan.replicas.devices.ClusterSpec;
import io.vidgan.replicas.devices.Devices;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * The worker side of cluster input, driven by hand from this JVM (task 0) against a {@code
 * bin/worker} JVM (task 1): it queues exactly the batches a local stream makes from the assigned
 * positions, and a second assignment (a new chief session) replaces the first one.
 */
class TaskInputFeederTest {
  private static final int BATCH = 2;

  @Test
  @Timeout(120)
  void aWorkerQueuesItsReplicasBatchesFromTheAssignedPositions(@TempDir Path dir)
      throws Exception {
    StageConfig config = Presets.resolve("tiny/lres");
    TrainerConfig run = TrainerConfig.newBuilder().setReplicas(2).setSeed(7)
        .setData(TrainCommandTest.DATA.substring("--data=".length())).build();
    String cluster = WorkerProcess.freeCluster(2);
    ClusterSpec spec = ClusterSpec.parse(cluster);
    ClusterServer server = ClusterServer.start(spec, 0, Devices.cluster(spec, 2, 0));
    InputQueues queues = new InputQueues(config, BATCH);
    try (WorkerProcess worker = WorkerProcess.start(cluster, 1, 2, dir);
        Graph graph = new Graph()) {
      Ops tf = Ops.create(graph).withDevice(DeviceSpec.newBuilder().job(ClusterSpec.JOB)
          .replica(0).task(1).deviceType(DeviceSpec.DeviceType.CPU).deviceIndex(0).build());
      Placeholder<TString> message = tf.withName("assignment").placeholder(TString.class,
          Placeholder.shape(Shape.scalar()));
      tf.withName("assign").io.queueEnqueue(InputQueues.assignments(tf), List.of(message));
      List<Output<?>> first = tf.withSubScope("first").io.queueDequeue(
          queues.replica(tf.withSubScope("first"), "first", 1), queues.types()).components();
      List<Output<?>> second = tf.withSubScope("second").io.queueDequeue(
          queues.replica(tf.withSubScope("second"), "second", 1), queues.types()).components();
      ConfigProto timeout = ConfigProto.newBuilder().setOperationTimeoutInMs(60_000).build();
      try (Session session = ClusterSession.open(graph, server.target(), timeout);
          VideoDataset data = Datasets.open(run.getData(), false)) {
        assign(session, input("first", config, run, 0));
        assertBatch(session, first, data, config, run, 0);
        assertBatch(session, first, data, config, run, 1);
        assign(session, input("second", config, run, 5));
        assertBatch(session, second, data, config, run, 5);
        assertBatch(session, second, data, config, run, 6);
      }
      assertEquals(2, worker.log().split("feeding replicas \\[1\\]", -1).length - 1,
          worker.log());
    }
  }

  private static TaskInput input(String session, StageConfig config, TrainerConfig run,
      long position) {
    return TaskInput.newBuilder().setSession(session).setStageConfig(config.toByteString())
        .setRun(run).setBatchPerReplica(BATCH).addReplicas(1).addPositions(position).build();
  }

  private static void assign(Session session, TaskInput input) {
    try (TString t = InputQueues.message(ChiefMessage.newBuilder().setAssignment(input)
        .build())) {
      session.runner().feed("assignment", t).addTarget("assign").run();
    }
  }

  /** The next queued element is batch {@code index} of replica 1's local stream. */
  private static void assertBatch(Session session, List<Output<?>> components,
      VideoDataset data, StageConfig config, TrainerConfig run, long index) throws Exception {
    float[] expected;
    try (BatchStream local = StageData.open(data, config,
        new ReplicaStream(BATCH, 0, 2, run.getSeed(), 0), List.of(1), List.of(index)).get(0)) {
      expected = local.next().video();
    }
    try (Result r = session.runner().fetch(components.get(0))
        .fetch(components.get(components.size() - 1)).run()) {
      assertArrayEquals(expected, TfRun.values(r.get(0)), "batch " + index);
      assertEquals(index + 1, ((TInt64) r.get(1)).getLong(), "position after batch " + index);
    }
  }
}
