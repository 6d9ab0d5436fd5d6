package io.vidgan.replicas;

import io.vidgan.replicas.devices.ClusterServer;
import io.vidgan.replicas.devices.ClusterSession;
import io.vidgan.replicas.devices.ClusterSpec;
import io.vidgan.replicas.devices.ReplicaLayout;
import io.vidgan.replicas.devices.TimeBounded;
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
 * Before the session opens, every worker task must have joined this chief ({@link
 * ClusterMembership}). Every blocking operation of a cluster session gives up after the run's
 * timeout ({@code operation_timeout_in_ms}), and so does opening it, so a dead or unreachable task
 * stops the run instead of hanging it: a supervised chief then restarts and resumes from the last
 * checkpoint, as TF's own fault-tolerant multi-worker training does (every process restarts and
 * training continues from the newest checkpoint).
 */
public final class ReplicaHosts {
  private static final Pattern TASK = Pattern.compile("/job:" + ClusterSpec.JOB
      + "/replica:0/task:(\\d+)");

  private final ReplicaLayout layout;
  private final ClusterSpec cluster;
  private final String target;
  private final float timeoutSeconds;
  private final ClusterMembership membership;
  private final double waitSeconds;

  private ReplicaHosts(ReplicaLayout layout, ClusterSpec cluster, String target,
      float timeoutSeconds, ClusterMembership membership, double waitSeconds) {
    this.layout = layout;
    this.cluster = cluster;
    this.target = target;
    this.timeoutSeconds = timeoutSeconds;
    this.membership = membership;
    this.waitSeconds = waitSeconds;
  }

  /** The replicas of {@code layout}, on the devices of this process ({@link Devices#local}). */
  public static ReplicaHosts local(ReplicaLayout layout) {
    return new ReplicaHosts(layout, null, null, 0, null, 0);
  }

  /**
   * The replicas of {@code layout}, spread over {@code cluster} ({@link Devices#cluster});
   * starts task 0's server here.
   *
   * @param timeoutSeconds how long any step may wait for another task
   * @param waitSeconds how long to wait for every worker task to join this chief
   */
  public static ReplicaHosts chief(ClusterSpec cluster, ReplicaLayout layout,
      float timeoutSeconds, double waitSeconds) {
    ClusterServer server = ClusterServer.start(cluster, 0, layout.devices());
    ClusterMembership membership = new ClusterMembership(cluster, server.target(),
        ClusterMembership.newIncarnation(), System.out);
    return new ReplicaHosts(layout, cluster, server.target(), timeoutSeconds, membership,
        waitSeconds);
  }

  public ReplicaLayout layout() {
    return layout;
  }

  /** A session running {@code graph} on these hosts, its variables initialised. */
  public Opened open(Graph graph) {
    if (cluster == null) {
      return new Opened(new Session(graph, layout.devices().sessionConfig()), false);
    }
    membership.await(waitSeconds);
    long millis = (long) (timeoutSeconds * 1000);
    ConfigProto config = ConfigProto.newBuilder()
        .setOperationTimeoutInMs(millis)
        .setAllowSoftPlacement(false)
        .build();
    Session session = TimeBounded.call("open-cluster-session", millis,
        () -> ClusterSession.open(graph, target, config)).orElseThrow(
            () -> new IllegalStateException("the cluster session did not open within "
                + timeoutSeconds + " s: a task stopped answering"));
    session.initialize();
    return new Opened(session, true);
  }

  /**
   * An open session; a cluster session is closed within a bounded time ({@link
   * ClusterSession#closeWithin}).
   */
  public record Opened(Session session, boolean cluster) implements AutoCloseable {
    @Override
    public void close() {
      if (cluster) {
        ClusterSession.closeWithin(session);
      } else {
        session.close();
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
        + "answer within " + timeoutSeconds + " s; the last checkpoint is intact: run this "
        + "command again (with --auto-resume or --resume=RUN_DIR; a supervisor does it) and it "
        + "continues from there once every worker is back. TensorFlow said: "
        + ClusterSession.summary(e.getMessage()));
    // Suppressed, not the cause: the CLI prints a cause's message, and TF's is pages of gRPC JSON.
    failure.addSuppressed(e);
    return failure;
  }

}
