package io.vidgan.replicas.devices;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.proto.ClusterDef;
import org.tensorflow.proto.JobDef;

/**
 * The hosts of a training cluster, parsed from {@code --cluster=host0:port,host1:port,...}: one
 * TensorFlow job named {@value #JOB} whose task {@code i} listens on the {@code i}-th address.
 * Task 0 is the chief: it holds the variables, writes checkpoints and drives the steps.
 */
public final class ClusterSpec {
  public static final String JOB = "worker";

  private final List<String> addresses;

  private ClusterSpec(List<String> addresses) {
    this.addresses = List.copyOf(addresses);
  }

  /**
   * Parses {@code host:port[,host:port...]}.
   *
   * @throws IllegalArgumentException naming the bad entry: empty, no port, a port outside
   *     [1, 65535], or an address listed twice
   */
  public static ClusterSpec parse(String text) {
    List<String> addresses = new ArrayList<>();
    for (String entry : text.split(",", -1)) {
      String address = entry.trim();
      int colon = address.lastIndexOf(':');
      checkArgument(colon > 0, "'%s' is not host:port", address);
      int port;
      try {
        port = Integer.parseInt(address.substring(colon + 1));
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("'" + address + "': the port is not a number");
      }
      checkArgument(port >= 1 && port <= 65535, "'%s': port %s outside [1, 65535]", address,
          port);
      checkArgument(!addresses.contains(address), "'%s' is listed twice", address);
      addresses.add(address);
    }
    return new ClusterSpec(addresses);
  }

  /** Number of tasks (hosts). */
  public int size() {
    return addresses.size();
  }

  /** {@code host:port} of task {@code task}. */
  public String address(int task) {
    return addresses.get(task);
  }

  /** The port task {@code task} listens on. */
  public int port(int task) {
    String a = address(task);
    return Integer.parseInt(a.substring(a.lastIndexOf(':') + 1));
  }

  /**
   * Whether task {@code task}'s address accepts a TCP connection within {@code timeoutMillis}: its
   * server is up. A cheap probe that never blocks like a TF session to a missing task does.
   */
  public boolean listening(int task, int timeoutMillis) {
    String a = address(task);
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(a.substring(0, a.lastIndexOf(':')), port(task)),
          timeoutMillis);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** The device-name prefix of a task, e.g. {@code /job:worker/replica:0/task:1}. */
  public static String task(int task) {
    return "/job:" + JOB + "/replica:0/task:" + task;
  }

  /** The cluster as TensorFlow's {@code ClusterDef}. */
  public ClusterDef clusterDef() {
    JobDef.Builder job = JobDef.newBuilder().setName(JOB);
    for (int i = 0; i < addresses.size(); i++) {
      job.putTasks(i, addresses.get(i));
    }
    return ClusterDef.newBuilder().addJob(job).build();
  }

  @Override
  public String toString() {
    return String.join(",", addresses);
  }
}
