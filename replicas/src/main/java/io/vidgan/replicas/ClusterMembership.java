package io.vidgan.replicas;

import io.vidgan.replicas.config.ChiefGreeting;
import io.vidgan.replicas.config.ChiefMessage;
import io.vidgan.replicas.devices.ClusterSession;
import io.vidgan.replicas.devices.ClusterSpec;
import io.vidgan.replicas.devices.TimeBounded;
import java.io.PrintStream;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.exceptions.TensorFlowException;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * A cluster's worker tasks seen from its chief process: before the chief's training session
 * opens, every worker must be reachable and serve this chief process.
 *
 * <p>Why a greeting: TF's distributed runtime binds a worker's server to the first chief process
 * it meets. Resolving the batch-norm collectives ({@code CollectiveReduceV2}), the worker's
 * collective executor caches every group member's device attributes, incarnation included
 * ({@code CollectiveParamResolverDistributed}, {@code DeviceResolverDistributed}), and refuses the
 * same device names with another incarnation ("exists in cache with a different incarnation");
 * TF Java cannot stop or reset a server ({@code Server.stop()} is unimplemented). So the chief
 * greets each task with a random incarnation of its own: a fresh worker accepts it, one that served
 * an earlier chief refuses and exits to be restarted fresh by its supervisor ({@link ServedChief}),
 * and the chief greets again until every task has accepted, for at most {@code
 * --wait-for-workers}. Each greeting uses its own short session filtered to that task, opened
 * only once the task's port accepts connections and bounded by {@link TimeBounded}: a master's
 * {@code CreateSession} waits without a deadline for every task it lists.
 */
final class ClusterMembership {
  private static final long RETRY_MILLIS = 500;
  /** How long a reachable task may take to answer one greeting before it is greeted again. */
  private static final long REPLY_MILLIS = 30_000;
  private static final int PROBE_MILLIS = 2_000;

  private final ClusterSpec cluster;
  private final String target;
  private final long incarnation;
  private final PrintStream log;

  /**
   * @param target the chief's server (task 0)
   * @param incarnation this chief process's, {@link #newIncarnation()}
   */
  ClusterMembership(ClusterSpec cluster, String target, long incarnation, PrintStream log) {
    this.cluster = cluster;
    this.target = target;
    this.incarnation = incarnation;
    this.log = log;
  }

  /** A random non-zero incarnation (0 is a worker's refusal). */
  static long newIncarnation() {
    SecureRandom random = new SecureRandom();
    long value = 0;
    while (value == 0) {
      value = random.nextLong();
    }
    return value;
  }

  /**
   * Returns once every worker task has accepted this chief.
   *
   * @throws IllegalStateException naming the tasks that did not, and why, after {@code
   *     waitSeconds}
   */
  void await(double waitSeconds) {
    long deadline = System.nanoTime() + (long) (waitSeconds * 1e9);
    Map<Integer, String> pending = new LinkedHashMap<>();
    for (int task = 1; task < cluster.size(); task++) {
      pending.put(task, "not reachable");
    }
    boolean reported = false;
    while (true) {
      for (int task : pending.keySet().toArray(new Integer[0])) {
        Optional<String> refusal = greet(task, Math.max(1, millisTo(deadline)));
        if (refusal.isEmpty()) {
          pending.remove(task);
        } else {
          pending.put(task, refusal.get());
        }
      }
      if (pending.isEmpty()) {
        return;
      }
      if (millisTo(deadline) <= 0) {
        throw new IllegalStateException(describe(pending) + " did not join within " + waitSeconds
            + " s (--wait-for-workers)");
      }
      if (!reported) {
        log.println("waiting up to " + waitSeconds + " s for " + describe(pending));
        reported = true;
      }
      sleep(RETRY_MILLIS);
    }
  }

  /** Greets {@code task}; empty once it accepted, else why not. */
  private Optional<String> greet(int task, long millis) {
    if (!cluster.listening(task, PROBE_MILLIS)) {
      return Optional.of("not reachable");
    }
    ChiefMessage greeting = ChiefMessage.newBuilder().setGreeting(ChiefGreeting.newBuilder()
        .setIncarnation(incarnation)).build();
    return withSession(task, millis, (TaskOps ops) -> {
      ops.send(greeting);
      long answer = ops.reply();
      return answer == incarnation ? Optional.<String>empty()
          : Optional.of(answer == 0 ? "it served an earlier chief and restarts"
              : "an answer to an earlier greeting");
    });
  }

  /**
   * Runs {@code use} with {@code task}'s queues in a session of their own; a failure or a
   * session that did not open within {@code millis} is returned as why.
   */
  private Optional<String> withSession(int task, long millis,
      Function<TaskOps, Optional<String>> use) {
    Graph graph = new Graph();
    TaskOps ops = new TaskOps(Ops.create(graph).withDevice(DeviceSpec.newBuilder()
        .job(ClusterSpec.JOB).replica(0).task(task).deviceType(DeviceSpec.DeviceType.CPU)
        .deviceIndex(0).build()));
    ConfigProto config = ConfigProto.newBuilder()
        .addDeviceFilters(ClusterSpec.task(0))
        .addDeviceFilters(ClusterSpec.task(task))
        .setOperationTimeoutInMs(Math.min(millis, REPLY_MILLIS))
        .build();
    Optional<Session> session;
    try {
      session = TimeBounded.call("open-task-" + task, millis,
          () -> ClusterSession.open(graph, target, config));
    } catch (TensorFlowException e) {
      graph.close();
      return Optional.of(ClusterSession.summary(e.getMessage()));
    }
    if (session.isEmpty()) {
      // left open: the abandoned session may still take a reference to it
      return Optional.of("no session within " + millis + " ms");
    }
    ops.session = session.get();
    try {
      return use.apply(ops);
    } catch (TensorFlowException e) {
      return Optional.of(ClusterSession.summary(e.getMessage()));
    } finally {
      if (ClusterSession.closeWithin(session.get())) {
        graph.close();
      }
    }
  }

  /** The message and reply queues of one task, and the session that reaches them. */
  private static final class TaskOps {
    private final Placeholder<TString> message;
    private final Op send;
    private final Output<?> reply;
    private Session session;

    TaskOps(Ops tf) {
      this.message = tf.withName("message").placeholder(TString.class,
          Placeholder.shape(Shape.scalar()));
      Operand<?> queue = InputQueues.assignments(tf);
      this.send = tf.withName("send").io.queueEnqueue(queue, List.of(message));
      this.reply = tf.withName("receive").io.queueDequeue(InputQueues.replies(tf),
          List.of(TInt64.class)).components().get(0);
    }

    void send(ChiefMessage m) {
      try (TString t = InputQueues.message(m)) {
        session.runner().feed(message, t).addTarget(send).run();
      }
    }

    long reply() {
      try (Result r = session.runner().fetch(reply).run()) {
        return ((TInt64) r.get(0)).getLong();
      }
    }
  }

  private String describe(Map<Integer, String> pending) {
    StringBuilder s = new StringBuilder();
    pending.forEach((task, why) -> s.append(s.isEmpty() ? "" : ", ").append("task ").append(task)
        .append(" (").append(cluster.address(task)).append(": ").append(why).append(")"));
    return s.toString();
  }

  private static long millisTo(long deadline) {
    return (deadline - System.nanoTime()) / 1_000_000;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the workers", e);
    }
  }
}
