package io.vidgan.replicas.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.cli.UsageException;
import org.junit.jupiter.api.Test;

/** TF_CONFIG exactly as Kubeflow's TFJob operator writes it, and every malformed field. */
class TfConfigTest {
  private static final String CLUSTER = "{\"cluster\":{\"chief\":[\"job-chief-0.ns.svc:2222\"],"
      + "\"worker\":[\"job-worker-0.ns.svc:2222\",\"job-worker-1.ns.svc:2222\"]},";

  @Test
  void chiefIsTaskZeroAndWorkersFollowInOrder() {
    TfConfig chief = TfConfig.parse(CLUSTER + "\"task\":{\"type\":\"chief\",\"index\":0},"
        + "\"environment\":\"cloud\"}");
    assertEquals(0, chief.task());
    assertEquals(3, chief.cluster().size());
    assertEquals("job-chief-0.ns.svc:2222", chief.cluster().address(0));
    assertEquals("job-worker-1.ns.svc:2222", chief.cluster().address(2));
    TfConfig worker = TfConfig.parse(CLUSTER + "\"task\":{\"type\":\"worker\",\"index\":1}}");
    assertEquals(2, worker.task());
  }

  @Test
  void withoutAChiefWorkerZeroIsTheChief() {
    TfConfig config = TfConfig.parse("{\"cluster\":{\"worker\":[\"a:1\",\"b:2\"]},"
        + " \"task\": {\"type\": \"worker\", \"index\": 0}}");
    assertEquals(0, config.task());
    assertEquals("b:2", config.cluster().address(1));
  }

  @Test
  void malformedFieldsAreUsageErrorsNamingThem() {
    assertError("TF_CONFIG: not JSON", "{\"cluster\": ");
    assertError("TF_CONFIG.task is missing", CLUSTER.replaceAll(",$", "}"));
    assertError("TF_CONFIG.cluster is missing", "{\"task\":{\"type\":\"worker\",\"index\":0}}");
    assertError("TF_CONFIG.task.index: 2 is not in [0, 2)",
        CLUSTER + "\"task\":{\"type\":\"worker\",\"index\":2}}");
    assertError("TF_CONFIG.task.type: 'ps' is not chief or worker",
        CLUSTER + "\"task\":{\"type\":\"ps\",\"index\":0}}");
    assertError("TF_CONFIG.cluster.ps: job type not supported",
        "{\"cluster\":{\"ps\":[\"p:1\"],\"worker\":[\"a:1\"]},\"task\":{\"type\":\"worker\","
            + "\"index\":0}}");
    assertError("TF_CONFIG.task.index: expected a whole number >= 0, got 0.5",
        CLUSTER + "\"task\":{\"type\":\"worker\",\"index\":0.5}}");
    assertError("TF_CONFIG.cluster: 'a' is not host:port",
        "{\"cluster\":{\"worker\":[\"a\"]},\"task\":{\"type\":\"worker\",\"index\":0}}");
  }

  private static void assertError(String expected, String json) {
    UsageException e = assertThrows(UsageException.class, () -> TfConfig.parse(json));
    assertTrue(e.getMessage().startsWith(expected), e.getMessage());
  }
}
