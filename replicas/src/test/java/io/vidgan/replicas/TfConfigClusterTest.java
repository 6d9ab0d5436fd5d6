package io.vidgan.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * One command for every process of a TFJob, on loopback: a chief and two workers, each a {@code
 * bin/train} JVM given the same flags and the {@code TF_CONFIG} the TFJob operator writes for its
 * pod, train 3 iterations equal to one process, and the workers exit when the chief finishes.
 */
class TfConfigClusterTest {
  private static final int STEPS = 3;
  private static final int EXIT_SECONDS = 600;

  /**
   * {@code TF_CONFIG} as Kubeflow's training operator writes it (its {@code genTFConfigJSONStr}):
   * the cluster's jobs with their pods' addresses, this pod's task, and {@code environment}.
   */
  static String tfConfig(String cluster, String type, int index) {
    String[] a = cluster.split(",");
    List<String> workers = new ArrayList<>();
    for (int i = 1; i < a.length; i++) {
      workers.add("\"" + a[i] + "\"");
    }
    return "{\"cluster\":{\"chief\":[\"" + a[0] + "\"],\"worker\":[" + String.join(",", workers)
        + "]},\"task\":{\"type\":\"" + type + "\",\"index\":" + index
        + "},\"environment\":\"cloud\"}";
  }

  @Test
  @Timeout(900)
  void aChiefAndTwoWorkersFromTfConfigTrainLikeOneProcess(@TempDir Path dir) throws Exception {
    Path config = ClusterTrainingTest.config(dir);
    Path distributed = dir.resolve("cluster");
    List<String> command = List.of(ClusterTrainingTest.args(config, distributed, STEPS, 3,
        "--auto-resume", "--timeout=300"));
    String cluster = WorkerProcess.freeCluster(3);
    try (WorkerProcess chief = WorkerProcess.train(tfConfig(cluster, "chief", 0), command,
            dir.resolve("chief.log"));
        WorkerProcess one = WorkerProcess.train(tfConfig(cluster, "worker", 0), command,
            dir.resolve("worker-0.log"));
        WorkerProcess two = WorkerProcess.train(tfConfig(cluster, "worker", 1), command,
            dir.resolve("worker-1.log"))) {
      assertEquals(0, chief.exitStatus(EXIT_SECONDS), chief::log);
      assertEquals(0, one.exitStatus(60), one::log);
      assertEquals(0, two.exitStatus(60), two::log);
      assertTrue(chief.log().contains("done: " + STEPS + " iterations"), chief.log());
      assertTrue(one.log().contains("task 1: feeding replicas [1] from positions [0]"),
          one.log());
      assertTrue(two.log().contains("task 2: the run is finished"), two.log());
    }
    Path local = dir.resolve("local");
    assertEquals(0, TrainCommandTest.train(ClusterTrainingTest.args(config, local, STEPS, 3)));
    ClusterTrainingTest.assertSameRun(config, STEPS, local, distributed,
        List.of(3L * STEPS, 3L * STEPS, 3L * STEPS));
  }
}
