package io.vidgan.replicas.devices;

import io.vidgan.cli.JsonReader;
import io.vidgan.cli.UsageException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A cluster and this process's place in it from the {@code TF_CONFIG} environment variable, as
 * TensorFlow's cluster managers write it (Kubeflow's TFJob operator, Vertex AI, SageMaker, TF's
 * MultiWorkerMirroredStrategy): {@code {"cluster": {"chief": ["h:p"], "worker": ["h:p", ...]},
 * "task": {"type": "worker", "index": 1}}}. The chief is task 0 of our one-job {@link
 * ClusterSpec} and the workers follow in order; without a {@code chief} job, worker 0 is the
 * chief, as in TensorFlow's convention. Every malformed field is a usage error naming it.
 *
 * @param task this process's task in {@code cluster} (0: the chief)
 */
public record TfConfig(ClusterSpec cluster, int task) {
  public static final String ENV = "TF_CONFIG";
  private static final List<String> JOBS = List.of("chief", "worker");

  /** TF_CONFIG of this process's environment, if set and not empty. */
  public static Optional<TfConfig> fromEnvironment() {
    String text = System.getenv(ENV);
    return text == null || text.isBlank() ? Optional.empty() : Optional.of(parse(text));
  }

  /** Parses a TF_CONFIG value. */
  public static TfConfig parse(String text) {
    Object root;
    try {
      root = JsonReader.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(ENV + ": not JSON: " + e.getMessage(), e);
    }
    Map<?, ?> cluster = object(field(object(root, ENV), "cluster", ENV), ENV + ".cluster");
    for (Object job : cluster.keySet()) {
      if (!JOBS.contains(job)) {
        throw new UsageException(ENV + ".cluster." + job + ": job type not supported (only chief"
            + " and worker: parameter servers and evaluators have no role in this trainer)");
      }
    }
    List<String> chief = hosts(cluster, "chief");
    List<String> workers = hosts(cluster, "worker");
    if (chief.size() > 1) {
      throw new UsageException(ENV + ".cluster.chief: one chief, got " + chief.size());
    }
    List<String> all = new ArrayList<>(chief);
    all.addAll(workers);
    if (all.isEmpty()) {
      throw new UsageException(ENV + ".cluster: no chief and no workers");
    }
    ClusterSpec spec;
    try {
      spec = ClusterSpec.parse(String.join(",", all));
    } catch (IllegalArgumentException e) {
      throw new UsageException(ENV + ".cluster: " + e.getMessage(), e);
    }
    Map<?, ?> task = object(field(object(root, ENV), "task", ENV), ENV + ".task");
    Object type = field(task, "type", ENV + ".task");
    if (!JOBS.contains(type)) {
      throw new UsageException(ENV + ".task.type: '" + type + "' is not chief or worker");
    }
    int index = index(field(task, "index", ENV + ".task"));
    List<String> job = type.equals("chief") ? chief : workers;
    if (index >= job.size()) {
      throw new UsageException(ENV + ".task.index: " + index + " is not in [0, " + job.size()
          + ") for the " + job.size() + " " + type + " task(s) of " + ENV + ".cluster");
    }
    return new TfConfig(spec, type.equals("chief") ? 0 : chief.size() + index);
  }

  private static Map<?, ?> object(Object value, String name) {
    if (!(value instanceof Map<?, ?> map)) {
      throw new UsageException(name + ": expected a JSON object");
    }
    return map;
  }

  private static Object field(Map<?, ?> object, String key, String name) {
    if (!object.containsKey(key)) {
      throw new UsageException(name + "." + key + " is missing");
    }
    return object.get(key);
  }

  private static List<String> hosts(Map<?, ?> cluster, String job) {
    Object value = cluster.get(job);
    if (value == null) {
      return List.of();
    }
    if (!(value instanceof List<?> list) || !list.stream().allMatch(h -> h instanceof String)) {
      throw new UsageException(ENV + ".cluster." + job + ": expected a list of \"host:port\"");
    }
    return list.stream().map(String.class::cast).toList();
  }

  private static int index(Object value) {
    if (!(value instanceof Double d) || d < 0 || d != Math.rint(d) || d > Integer.MAX_VALUE) {
      throw new UsageException(ENV + ".task.index: expected a whole number >= 0, got " + value);
    }
    return d.intValue();
  }
}
