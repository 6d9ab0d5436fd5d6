package io.vidgan.replicas.devices;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import org.tensorflow.DeviceSpec;
import org.tensorflow.proto.ConfigProto;

/**
 * Where replicas and parameters live, and which replicas share a tower. Replica {@code i} runs on
 * {@code /device:GPU:i} when GPUs are present; without GPUs all replicas of a host run on its
 * {@code /device:CPU:0} as one tower on their joint batch. Parameters live on {@code
 * /device:CPU:0}. On a {@link ClusterSpec cluster} the replicas are spread evenly over the tasks,
 * in order, each task numbering its own devices from 0, and the parameters live on the chief
 * (task 0).
 *
 * <p>Why one tower per CPU: replicas that share one CPU gain nothing from separate towers, and
 * pay for them: 8 towers on batch 4 each ran 1.5-1.9x slower per step than one tower on batch 32
 * on 2 cores ({@code bin/bench replicas}), with synchronous batch norm only 3-18% of that. A
 * fused tower computes the same step: its batch is its replicas' batches in order, its noise
 * their rows of the global draw, its batch-norm moments their joint moments. {@link
 * #logicalCpus} keeps one logical CPU device per replica (N devices from {@code
 * ConfigProto.device_count}, run side by side): towers exactly as on GPUs, which tests use to
 * check multi-tower training in one process.
 *
 * <p>Threads: one tower per process uses every core inside each op (intra-op = cores, inter-op =
 * 1, the fastest single-device setting measured on 2 cores); towers on logical CPU devices run
 * their ops side by side instead (inter-op = cores, intra-op = 1). oneDNN stays on.
 */
public final class Devices {

  private final List<DeviceSpec> replicas;
  private final List<DeviceSpec> taskCpus;
  private final boolean logical;
  private final int perTask;

  private Devices(List<DeviceSpec> replicas, List<DeviceSpec> taskCpus, boolean logical,
      int perTask) {
    this.replicas = List.copyOf(replicas);
    this.taskCpus = List.copyOf(taskCpus);
    this.logical = logical;
    this.perTask = perTask;
  }

  /**
   * {@code count} replicas, one per GPU when there are GPUs (at least {@code count}), else one
   * tower on the CPU.
   */
  public static Devices local(int count, int gpus) {
    checkArgument(count >= 1, "replicas must be >= 1, got %s", count);
    return spread(count, gpus, 1, false, i -> DeviceSpec.newBuilder());
  }

  /** {@code count} replicas, each a tower on its own logical CPU device. */
  public static Devices logicalCpus(int count) {
    checkArgument(count >= 1, "replicas must be >= 1, got %s", count);
    return spread(count, 0, 1, true, i -> DeviceSpec.newBuilder());
  }

  /**
   * {@code count} replicas spread over the tasks of {@code cluster}: replica {@code i} on task
   * {@code i / (count / tasks)}, on GPU {@code i % (count / tasks)} of that task if each host has
   * {@code gpusPerTask} >= its share, else in the task's CPU tower.
   */
  public static Devices cluster(ClusterSpec cluster, int count, int gpusPerTask) {
    int tasks = cluster.size();
    checkArgument(count >= tasks && count % tasks == 0,
        "%s replicas do not spread evenly over %s tasks", count, tasks);
    int perTask = count / tasks;
    return spread(count, gpusPerTask, tasks, false, i -> DeviceSpec.newBuilder()
        .job(ClusterSpec.JOB).replica(0).task(i / perTask));
  }

  private static Devices spread(int count, int gpusPerTask, int tasks, boolean logical,
      IntFunction<DeviceSpec.Builder> host) {
    int perTask = count / tasks;
    boolean useGpu = gpusPerTask > 0;
    checkArgument(!useGpu || gpusPerTask >= perTask, "%s replicas per host but only %s GPUs",
        perTask, gpusPerTask);
    List<DeviceSpec> list = new ArrayList<>();
    List<DeviceSpec> cpus = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      list.add(host.apply(i)
          .deviceType(useGpu ? DeviceSpec.DeviceType.GPU : DeviceSpec.DeviceType.CPU)
          .deviceIndex(useGpu || logical ? i % perTask : 0).build());
      cpus.add(host.apply(i).deviceType(DeviceSpec.DeviceType.CPU).deviceIndex(0).build());
    }
    return new Devices(list, cpus, logical, perTask);
  }

  /**
   * The towers: the replicas of each device, devices in order of their first replica. A tower
   * trains on its replicas' batches concatenated in replica order.
   */
  public List<List<Integer>> towers() {
    Map<DeviceSpec, List<Integer>> towers = new LinkedHashMap<>();
    for (int i = 0; i < replicas.size(); i++) {
      towers.computeIfAbsent(replicas.get(i), d -> new ArrayList<>()).add(i);
    }
    return List.copyOf(towers.values());
  }

  public int count() {
    return replicas.size();
  }

  public DeviceSpec replica(int i) {
    return replicas.get(i);
  }

  /** Whether the replicas compute on CPUs (not GPUs). */
  public boolean onCpu() {
    return replicas.get(0).deviceType() != DeviceSpec.DeviceType.GPU;
  }

  public DeviceSpec parameters() {
    return taskCpus.get(0);
  }

  /** The task replica {@code i} runs on (0 in one process). */
  public int task(int i) {
    Integer task = replicas.get(i).task();
    return task == null ? 0 : task;
  }

  /**
   * CPU 0 of the task of replica {@code i}: where that task's host-side ops run (its input
   * queues), whichever device the replica computes on.
   */
  public DeviceSpec taskCpu(int i) {
    return taskCpus.get(i);
  }

  /** Replicas on each task (all of them in one process). */
  public int perTask() {
    return perTask;
  }

  /**
   * The session config (of each server, on a cluster): the logical CPU devices of one task's
   * towers, thread pools.
   */
  public ConfigProto sessionConfig() {
    int cores = Runtime.getRuntime().availableProcessors();
    boolean spread = logical && perTask > 1;
    return ConfigProto.newBuilder()
        .putDeviceCount("CPU", spread ? perTask : 1)
        .setIntraOpParallelismThreads(spread ? 1 : cores)
        .setInterOpParallelismThreads(spread ? cores : 1)
        .setAllowSoftPlacement(false)
        .build();
  }
}
