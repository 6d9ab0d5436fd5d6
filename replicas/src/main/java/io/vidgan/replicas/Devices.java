package io.vidgan.replicas;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import org.tensorflow.DeviceSpec;
import org.tensorflow.proto.ConfigProto;

/**
 * Where replicas and parameters live. Replica {@code i} runs on {@code /device:GPU:i} when GPUs are
 * present, else on {@code /device:CPU:i} (N logical CPU devices from {@code
 * ConfigProto.device_count}: how tests and CPU machines run N replicas). Parameters live on {@code
 * /device:CPU:0}. On a {@link ClusterSpec cluster} the replicas are spread evenly over the tasks,
 * in order, each task numbering its own devices from 0, and the parameters live on the chief
 * (task 0).
 *
 * <p>Threads: one replica uses every core inside each op (intra-op = cores, inter-op = 1, the
 * fastest single-device setting measured on 2 cores); several replicas on logical CPU devices run
 * their ops side by side instead (inter-op = cores, intra-op = 1): measured on 2 cores with 8
 * replicas of the small lres preset, 283/563 ms per D/G step against 839/1600 ms with the
 * single-device setting, i.e. the same speed as one replica. oneDNN stays on.
 */
public final class Devices {

  private final List<DeviceSpec> replicas;
  private final List<DeviceSpec> taskCpus;
  private final boolean gpu;
  private final int perTask;

  private Devices(List<DeviceSpec> replicas, List<DeviceSpec> taskCpus, boolean gpu,
      int perTask) {
    this.replicas = List.copyOf(replicas);
    this.taskCpus = List.copyOf(taskCpus);
    this.gpu = gpu;
    this.perTask = perTask;
  }

  /** {@code count} replicas on GPUs if {@code gpus >= count}, else on logical CPU devices. */
  public static Devices local(int count, int gpus) {
    checkArgument(count >= 1, "replicas must be >= 1, got %s", count);
    return spread(count, gpus, 1, i -> DeviceSpec.newBuilder());
  }

  /**
   * {@code count} replicas spread over the tasks of {@code cluster}: replica {@code i} on task
   * {@code i / (count / tasks)}, device {@code i % (count / tasks)} of that task (a GPU if each
   * host has {@code gpusPerTask} >= its share, else a logical CPU device).
   */
  public static Devices cluster(ClusterSpec cluster, int count, int gpusPerTask) {
    int tasks = cluster.size();
    checkArgument(count >= tasks && count % tasks == 0,
        "%s replicas do not spread evenly over %s tasks", count, tasks);
    int perTask = count / tasks;
    return spread(count, gpusPerTask, tasks, i -> DeviceSpec.newBuilder().job(ClusterSpec.JOB)
        .replica(0).task(i / perTask));
  }

  private static Devices spread(int count, int gpusPerTask, int tasks,
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
          .deviceIndex(i % perTask).build());
      cpus.add(host.apply(i).deviceType(DeviceSpec.DeviceType.CPU).deviceIndex(0).build());
    }
    return new Devices(list, cpus, useGpu, perTask);
  }

  public int count() {
    return replicas.size();
  }

  public DeviceSpec replica(int i) {
    return replicas.get(i);
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
   * The session config (of each server, on a cluster): enough logical CPU devices for one task's
   * replicas, thread pools.
   */
  public ConfigProto sessionConfig() {
    int cores = Runtime.getRuntime().availableProcessors();
    boolean spread = !gpu && perTask > 1;
    return ConfigProto.newBuilder()
        .putDeviceCount("CPU", gpu ? 1 : perTask)
        .setIntraOpParallelismThreads(spread ? 1 : cores)
        .setInterOpParallelismThreads(spread ? cores : 1)
        .setAllowSoftPlacement(false)
        .build();
  }
}
