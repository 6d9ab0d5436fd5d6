package io.vidgan.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * {@code deploy/tfjob.yaml} has what Kubeflow's TFJob operator requires (a {@code tensorflow}
 * container with port {@code tfjob-port} in every replica type, a restart policy it knows), one
 * chief, and a run every pod agrees on: the same image, volume and {@code --replicas}, a multiple
 * of the pods.
 */
class TfJobManifestTest {
  private static final Path MANIFEST = Path.of("..", "deploy", "tfjob.yaml");

  @Test
  @SuppressWarnings("unchecked")
  void manifestIsAValidTfJobForOneRun() throws Exception {
    Map<String, Object> job = new Yaml().load(Files.readString(MANIFEST));
    assertEquals("kubeflow.org/v1", job.get("apiVersion"));
    assertEquals("TFJob", job.get("kind"));
    Map<String, Object> specs = (Map<String, Object>) ((Map<String, Object>) job.get("spec"))
        .get("tfReplicaSpecs");
    assertEquals(List.of("Chief", "Worker"), List.copyOf(specs.keySet()));
    int pods = 0;
    String image = null;
    Integer replicas = null;
    String command = null;
    for (Map.Entry<String, Object> e : specs.entrySet()) {
      Map<String, Object> spec = (Map<String, Object>) e.getValue();
      int count = (Integer) spec.get("replicas");
      pods += count;
      assertTrue(List.of("OnFailure", "Always", "ExitCode").contains(spec.get("restartPolicy")),
          e.getKey() + " restarts failed pods");
      Map<String, Object> pod = (Map<String, Object>) ((Map<String, Object>) spec.get("template"))
          .get("spec");
      Map<String, Object> container = ((List<Map<String, Object>>) pod.get("containers")).get(0);
      assertEquals("tensorflow", container.get("name"), "the operator's container name");
      Map<String, Object> port = ((List<Map<String, Object>>) container.get("ports")).get(0);
      assertEquals("tfjob-port", port.get("name"));
      assertEquals(2222, port.get("containerPort"));
      image = same(image, (String) container.get("image"), "image");
      Map<String, Object> volume = ((List<Map<String, Object>>) pod.get("volumes")).get(0);
      assertTrue(volume.containsKey("persistentVolumeClaim"), "shared volume");
      assertEquals("/shared", ((List<Map<String, Object>>) container.get("volumeMounts")).get(0)
          .get("mountPath"));
      replicas = same(replicas, replicas(container), "--replicas");
      command = same(command, container.get("command") + " " + container.get("args"),
          "the command (one for every pod: bin/train takes its role from TF_CONFIG)");
      assertTrue(command.contains("--auto-resume"), "a restarted chief resumes: " + command);
    }
    assertEquals(1, ((Map<String, Object>) specs.get("Chief")).get("replicas"));
    assertEquals(0, replicas % pods, "--replicas is spread evenly over the pods");
  }

  private static <T> T same(T known, T value, String what) {
    assertTrue(known == null || known.equals(value), what + " differs between pods");
    return value;
  }

  private static int replicas(Map<String, Object> container) {
    Matcher m = Pattern.compile("--replicas=(\\d+)").matcher(String.valueOf(container.get("args")));
    assertTrue(m.find(), "every pod is told --replicas: " + container);
    return Integer.parseInt(m.group(1));
  }
}
