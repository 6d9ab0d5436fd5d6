package io.vidgan.replicas;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.proto.ConfigProto;

/**
 * Where a run's replicas live and how its session reaches them: devices of this process, or the
 * tasks of a {@link ClusterSpec} with this process as the chief (task 0).
 *
 * <p>The chief hosts task 0's server in-process and runs its session against it, so the variables,
 * checkpoints and the step loop stay here while the other tasks' replicas run on their servers.
 * Every blocking operation of a cluster session gives up after the run's timeout ({@code
 * operation_timeout_in_ms}), so a dead or unreachable task stops the run instead of hanging it.
 */
public final class ReplicaHosts {
  private static final Pattern TASK = Pattern.compile("/job:" + ClusterSpec.JOB
      + "/replica:0/task:(\\d+)");

  private final ReplicaLayout layout;
  private final ClusterSpec cluster;
  private final String target;
  private final float timeoutSeconds;

  private ReplicaHosts(ReplicaLayout layout, ClusterSpec cluster, String target,
      float timeoutSeconds) {
    this.layout = layout;
    this.cluster = cluster;
    this.target = target;
    this.timeoutSeconds = timeoutSeconds;
  }

  /** The replicas of {@code layout}, on the devices of this process ({@link Devices#local}). */
  public static ReplicaHosts local(ReplicaLayout layout) {
    return new ReplicaHosts(layout, null, null, 0);
  }

  /**
   * The replicas of {@code layout}, spread over {@code cluster} ({@link Devices#cluster});
   * starts task 0's server here.
   *
   * @param timeoutSeconds how long any step may wait for another task
   */
  public static ReplicaHosts chief(ClusterSpec cluster, ReplicaLayout layout,
      float timeoutSeconds) {
    ClusterServer server = ClusterServer.start(cluster, 0, layout.devices());
    return new ReplicaHosts(layout, cluster, server.target(), timeoutSeconds);
  }

  public ReplicaLayout layout() {
    return layout;
  }

  /** A session running {@code graph} on these hosts, its variables initialised. */
  public Opened open(Graph graph) {
    if (cluster == null) {
      return new Opened(new Session(graph, layout.devices().sessionConfig()), false);
    }
    ConfigProto config = ConfigProto.newBuilder()
        .setOperationTimeoutInMs((long) (timeoutSeconds * 1000))
        .setAllowSoftPlacement(false)
        .build();
    Session session = ClusterSession.open(graph, target, config);
    session.initialize();
    return new Opened(session, true);
  }

  /**
   * An open session. Closing a cluster session after a task died blocks forever inside TF (it
   * waits for the dead task), so a cluster session is closed on a daemon thread, waiting at most
   * {@link #CLOSE_SECONDS} (a healthy close takes milliseconds): the process exits soon after
   * anyway, as TF servers cannot stop.
   */
  public record Opened(Session session, boolean cluster) implements AutoCloseable {
    public static final int CLOSE_SECONDS = 5;

    @Override
    public void close() {
      if (!cluster) {
        session.close();
        return;
      }
      Thread closing = new Thread(session::close, "close-cluster-session");
      closing.setDaemon(true);
      closing.start();
      try {
        closing.join(CLOSE_SECONDS * 1000L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * A failure of a cluster run, restated with the task it names (and its address) and the
   * timeout; other failures unchanged.
   */
  public Exception explain(Exception e) {
    if (cluster == null || !(e instanceof TensorFlowException)) {
      return e;
    }
    Matcher m = TASK.matcher(e.getMessage() == null ? "" : e.getMessage());
    String who = "a task of the cluster " + cluster;
    while (m.find()) {
      int task = Integer.parseInt(m.group(1));
      if (task != 0 && task < cluster.size()) {
        who = "task " + task + " (" + cluster.address(task) + ")";
        break;
      }
    }
    IllegalStateException failure = new IllegalStateException(who + " failed or did not "
        + "answer within " + timeoutSeconds + " s; the last checkpoint is intact: restart the "
        + "worker, then this command with --resume=RUN_DIR. TensorFlow said: "
        + summary(e.getMessage()));
    // Suppressed, not the cause: the CLI prints a cause's message, and TF's is pages of gRPC JSON.
    failure.addSuppressed(e);
    return failure;
  }

  /** TF's message up to its gRPC details, on one line. */
  private static String summary(String message) {
    String s = message == null ? "" : message.split("Additional GRPC error", 2)[0];
    s = s.replaceAll("\\s+", " ").trim();
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
