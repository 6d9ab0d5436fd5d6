package io.vidgan.replicas.devices;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.graphs.config.StageConfig;

/**
 * A run's replicas, laid out once for everything that needs them: their devices and hosts
 * ({@link Devices}: the task and device of each replica, which replicas share a tower), the
 * examples each replica takes per run and the runs (micro-batches) per update. The trainer, the
 * graph, the input streams and the hosts all read the replica count and batch here, so they
 * cannot disagree.
 *
 * @param devices where the replicas run; their count is the run's replicas
 * @param batchPerReplica examples each replica sees per run (a micro-batch when accumulating)
 * @param accumulation runs per update ({@code --grad-accum})
 */
public record ReplicaLayout(Devices devices, int batchPerReplica, int accumulation) {
  public ReplicaLayout {
    checkArgument(batchPerReplica >= 1 && accumulation >= 1,
        "batch per replica %s and micro-batches %s must be >= 1", batchPerReplica, accumulation);
  }

  /**
   * {@code config}'s global batch split over {@code devices}' replicas and {@code accumulation}
   * micro-batches.
   *
   * @throws IllegalArgumentException if it does not divide evenly
   */
  public static ReplicaLayout of(StageConfig config, Devices devices, int accumulation) {
    int batch = config.getOptimization().getBatchSize();
    int replicas = devices.count();
    checkArgument(accumulation >= 1 && batch % (replicas * accumulation) == 0,
        "the global batch %s does not divide among %s replicas x %s micro-batches (--grad-accum)",
        batch, replicas, accumulation);
    return new ReplicaLayout(devices, batch / (replicas * accumulation), accumulation);
  }

  /** The run's replicas. */
  public int replicas() {
    return devices.count();
  }
}
