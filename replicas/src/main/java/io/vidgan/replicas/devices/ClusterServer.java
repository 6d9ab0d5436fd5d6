package io.vidgan.replicas.devices;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import org.tensorflow.Server;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.ServerDef;

/**
 * The TensorFlow gRPC server of one task of a {@link ClusterSpec}: it owns the task's devices,
 * runs the parts of the graph placed on them, and (on the chief) is the session target.
 *
 * <p>Every server gets the same default session config: the devices and thread pools of one
 * task's replicas ({@link Devices#sessionConfig()}), and task 0 as the collective group leader,
 * without which cross-task {@code CollectiveReduceV2} (synchronous batch norm) cannot form its
 * group. A server lives as long as its process: TF's {@code Server.stop()} is not implemented (and
 * the native server is not freed with its Java object).
 */
public final class ClusterServer {
  private final String target;

  private ClusterServer(String target) {
    this.target = target;
  }

  /**
   * Starts task {@code task}'s server.
   *
   * @throws IllegalArgumentException if the task is not in the cluster, or its port is taken
   */
  public static ClusterServer start(ClusterSpec cluster, int task, Devices devices) {
    checkArgument(task >= 0 && task < cluster.size(), "task %s is not in [0, %s) (%s tasks)",
        task, cluster.size(), cluster.size());
    checkPortFree(cluster.port(task));
    ConfigProto.Builder config = devices.sessionConfig().toBuilder();
    config.getExperimentalBuilder().setCollectiveGroupLeader(ClusterSpec.task(0));
    ServerDef def = ServerDef.newBuilder()
        .setCluster(cluster.clusterDef())
        .setJobName(ClusterSpec.JOB)
        .setTaskIndex(task)
        .setProtocol("grpc")
        .setDefaultSessionConfig(config)
        .build();
    Server server = new Server(def);
    server.start();
    return new ClusterServer("grpc://" + cluster.address(task));
  }

  /** TF's server would fail later and less clearly on a port in use. */
  public static void checkPortFree(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(true);
      socket.bind(new InetSocketAddress(port));
    } catch (IOException e) {
      throw new IllegalArgumentException("port " + port + " is in use (" + e.getMessage() + ")");
    }
  }

  /** The session target of this server, e.g. {@code grpc://localhost:2222}. */
  public String target() {
    return target;
  }

}
