package io.vidgan.replicas.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.proto.JobDef;

class ClusterSpecTest {
  @Test
  void parsesTasksInOrderIntoOneWorkerJob() {
    ClusterSpec c = ClusterSpec.parse("host-a:2222, 10.0.0.2:2223");
    assertEquals(2, c.size());
    assertEquals("10.0.0.2:2223", c.address(1));
    assertEquals(2223, c.port(1));
    JobDef job = c.clusterDef().getJob(0);
    assertEquals(ClusterSpec.JOB, job.getName());
    assertEquals("host-a:2222", job.getTasksMap().get(0));
    assertEquals("/job:worker/replica:0/task:1", ClusterSpec.task(1));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "host", "host:", ":2222", "host:port", "host:0", "host:70000",
      "a:1,a:1", "a:1,,b:2"})
  void rejectsBadEntriesNamingThem(String text) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> ClusterSpec.parse(text));
    assertTrue(e.getMessage().contains("'"), e.getMessage());
  }

  @Test
  void replicasSpreadEvenlyOverTasksParametersOnTheChief() {
    Devices d = Devices.cluster(ClusterSpec.parse("a:1,b:2"), 4, 0);
    assertEquals(2, d.perTask());
    assertEquals("/job:worker/replica:0/task:0/device:CPU:0", d.replica(1).toString());
    assertEquals("/job:worker/replica:0/task:1/device:CPU:0", d.replica(2).toString());
    assertEquals("/job:worker/replica:0/task:1/device:CPU:0", d.taskCpu(3).toString());
    assertEquals("/job:worker/replica:0/task:0/device:CPU:0", d.parameters().toString());
    assertEquals(List.of(List.of(0, 1), List.of(2, 3)), d.towers());
    assertEquals(1, d.sessionConfig().getDeviceCountMap().get("CPU"));
    assertEquals(4, Devices.cluster(ClusterSpec.parse("a:1,b:2"), 4, 2).towers().size());
    assertThrows(IllegalArgumentException.class,
        () -> Devices.cluster(ClusterSpec.parse("a:1,b:2"), 3, 0));
  }
}
