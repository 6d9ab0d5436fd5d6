package io.vidgan.replicas;

import io.vidgan.cli.Flag;
import io.vidgan.cli.FlagSet;
import io.vidgan.cli.Flags;
import io.vidgan.cli.UsageException;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.replicas.config.TrainerConfig;
import io.vidgan.replicas.devices.ClusterServer;
import io.vidgan.replicas.devices.ClusterSpec;
import io.vidgan.replicas.devices.Devices;
import io.vidgan.replicas.devices.LocalGpus;
import io.vidgan.replicas.devices.ReplicaLayout;
import io.vidgan.replicas.devices.TfConfig;
import java.util.Optional;

/** The flags {@code bin/train} and {@code bin/worker} share to join a cluster. */
final class ClusterFlags {
  static final Flag<String> CLUSTER = Flag.text("cluster", "HOST:PORT,...", "the hosts of a TF "
      + "gRPC cluster, one task each, the chief (task 0) first; the same list on every host. "
      + "Without it, the TF_CONFIG environment variable (as TFJob and other cluster managers set "
      + "it) gives the cluster and this process's task");
  static final Flag<Integer> TASK = Flag.integer("task", "I", "this process's task in "
      + "--cluster: 0 is the chief, bin/train; 1 or more are bin/worker");
  static final Flag<Double> WAIT_FOR_WORKERS = Flag.number("wait-for-workers", "SECONDS", "how "
      + "long a cluster's chief waits, when it starts or resumes, for every worker task to be up "
      + "and to serve it (a worker that served an earlier chief restarts first); the time for "
      + "supervisors to restart workers, or for a cluster manager to schedule them; recorded in "
      + "the run, which resumes with it unless given anew")
      .require(s -> s > 0, "must be > 0")
      .withDefault((double) TrainerConfig.getDefaultInstance().getWaitForWorkersSeconds());

  static final Flag<Double> WAIT_FOR_CHIEF = Flag.number("wait-for-chief", "SECONDS", "how "
      + "long a worker task (bin/worker, or bin/train as a TF_CONFIG worker) waits, when it "
      + "starts, for a chief to greet it; none by then, it exits with status 0: its run is "
      + "finished, or its chief never came (a worker cannot tell these apart)")
      .require(s -> s > 0, "must be > 0").withDefault(600.0);

  private ClusterFlags() {}

  /** The flags of every task: the cluster, this task, and a worker's wait for its chief. */
  static void declare(FlagSet flags) {
    flags.add(CLUSTER, TASK, WAIT_FOR_CHIEF);
  }

  /** The chief's flag: how long it waits for the workers ({@link ClusterMembership}). */
  static void declareWait(FlagSet flags) {
    flags.add(WAIT_FOR_WORKERS);
  }

  /** The cluster of {@code --cluster}, or else of {@code TF_CONFIG} ({@link TfConfig}), if any. */
  static Optional<ClusterSpec> cluster(Flags flags) {
    if (!flags.has(CLUSTER)) {
      if (flags.has(TASK)) {
        throw new UsageException("--task needs --cluster");
      }
      return TfConfig.fromEnvironment().map(TfConfig::cluster);
    }
    try {
      return Optional.of(ClusterSpec.parse(flags.get(CLUSTER)));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--cluster: " + e.getMessage(), e);
    }
  }

  /**
   * The cluster of a chief ({@code bin/train}): {@code --task} must be 0 and task 0's port free,
   * checked before anything is written.
   */
  static Optional<ClusterSpec> chief(Flags flags) {
    Optional<ClusterSpec> cluster = cluster(flags);
    if (cluster.isPresent()) {
      if (task(flags, cluster.get()) != 0) {
        throw new UsageException("--task: bin/train is the chief, task 0; start the other "
            + "tasks with bin/worker");
      }
      try {
        ClusterServer.checkPortFree(cluster.get().port(0));
      } catch (IllegalArgumentException e) {
        throw new UsageException("--cluster: task 0: " + e.getMessage(), e);
      }
    }
    return cluster;
  }

  /**
   * {@code run}'s replicas laid out once, on this process's devices or spread over {@code
   * cluster}: a count that does not fit the hosts or a batch that does not divide is a usage
   * error naming its flag.
   */
  static ReplicaLayout layout(Optional<ClusterSpec> cluster, StageConfig config,
      TrainerConfig run) {
    Devices devices;
    if (cluster.isPresent()) {
      devices = devices(cluster.get(), run.getReplicas());
    } else {
      try {
        devices = Devices.local(run.getReplicas(), LocalGpus.count());
      } catch (IllegalArgumentException e) {
        throw new UsageException("--replicas: " + e.getMessage(), e);
      }
    }
    try {
      return ReplicaLayout.of(config, devices, run.getGradAccum());
    } catch (IllegalArgumentException e) {
      throw new UsageException("--batch: " + e.getMessage(), e);
    }
  }

  /**
   * This process's replicas, or a chief's view of {@code cluster} (task 0's server started) with
   * {@code run}'s step timeout and wait for the workers.
   */
  static ReplicaHosts hosts(Optional<ClusterSpec> cluster, ReplicaLayout layout,
      TrainerConfig run) {
    if (cluster.isEmpty()) {
      return ReplicaHosts.local(layout);
    }
    try {
      return ReplicaHosts.chief(cluster.get(), layout, run.getTimeoutSeconds(),
          run.getWaitForWorkersSeconds());
    } catch (IllegalArgumentException e) {
      throw new UsageException("--cluster: task 0: " + e.getMessage(), e);
    }
  }

  /** {@code --task} (or TF_CONFIG's task when {@code --cluster} is not given), checked. */
  static int task(Flags flags, ClusterSpec cluster) {
    if (!flags.has(CLUSTER)) {
      return TfConfig.fromEnvironment().orElseThrow(
          () -> new UsageException("--task needs --cluster")).task();
    }
    int task = flags.get(TASK);
    if (task < 0 || task >= cluster.size()) {
      throw new UsageException("--task: " + task + " is not in [0, " + cluster.size()
          + ") for the " + cluster.size() + " hosts of --cluster");
    }
    return task;
  }

  /**
   * The command's {@code --replicas}; one per task on a cluster when omitted. Whether it fits the
   * hosts is checked where they are laid out ({@link #layout}, {@link #devices}).
   */
  static int replicas(Flags flags, Flag<Integer> flag, Optional<ClusterSpec> cluster) {
    return flags.has(flag) || cluster.isEmpty() ? flags.get(flag) : cluster.get().size();
  }

  /** The devices of {@code replicas} replicas on {@code cluster}. */
  static Devices devices(ClusterSpec cluster, int replicas) {
    try {
      return Devices.cluster(cluster, replicas, LocalGpus.count());
    } catch (IllegalArgumentException e) {
      throw new UsageException("--replicas: " + e.getMessage(), e);
    }
  }
}
