package io.vidgan.replicas;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.DeviceSpec;
import org.tensorflow.proto.ConfigProto;

/**
 * Where replicas and parameters live. Replica {@code i} runs on {@code /device:GPU:i} when GPUs are
 * present, else on {@code /device:CPU:i} (N logical CPU devices from {@code
 * ConfigProto.device_count}: how tests and CPU machines run N replicas). Parameters live on {@code
 * /device:CPU:0}.
 *
 * <p>Threads: one replica uses every core inside each op (intra-op = cores, inter-op = 1, the
 * fastest single-device setting measured on 2 cores); several replicas on logical CPU devices run
 * their ops side by side instead (inter-op = cores, intra-op = 1): measured on 2 cores with 8
 * replicas of the small lres preset, 283/563 ms per D/G step against 839/1600 ms with the
 * single-device setting, i.e. the same speed as one replica. oneDNN stays on.
 */
public final class Devices {

  private final List<DeviceSpec> replicas;
  private final DeviceSpec parameters;
  private final boolean gpu;

  private Devices(List<DeviceSpec> replicas, DeviceSpec parameters, boolean gpu) {
    this.replicas = List.copyOf(replicas);
    this.parameters = parameters;
    this.gpu = gpu;
  }

  /** {@code count} replicas on GPUs if {@code gpus >= count}, else on logical CPU devices. */
  public static Devices local(int count, int gpus) {
    checkArgument(count >= 1, "replicas must be >= 1, got %s", count);
    boolean useGpu = gpus > 0;
    checkArgument(!useGpu || gpus >= count, "%s replicas but only %s GPUs", count, gpus);
    List<DeviceSpec> list = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      list.add(DeviceSpec.newBuilder()
          .deviceType(useGpu ? DeviceSpec.DeviceType.GPU : DeviceSpec.DeviceType.CPU)
          .deviceIndex(i).build());
    }
    return new Devices(list, cpu(0), useGpu);
  }

  private static DeviceSpec cpu(int index) {
    return DeviceSpec.newBuilder().deviceType(DeviceSpec.DeviceType.CPU).deviceIndex(index)
        .build();
  }

  public int count() {
    return replicas.size();
  }

  public DeviceSpec replica(int i) {
    return replicas.get(i);
  }

  public DeviceSpec parameters() {
    return parameters;
  }

  /** The session config: enough logical CPU devices for the replicas, thread pools. */
  public ConfigProto sessionConfig() {
    int cores = Runtime.getRuntime().availableProcessors();
    boolean spread = !gpu && replicas.size() > 1;
    return ConfigProto.newBuilder()
        .putDeviceCount("CPU", gpu ? 1 : replicas.size())
        .setIntraOpParallelismThreads(spread ? 1 : cores)
        .setInterOpParallelismThreads(spread ? cores : 1)
        .setAllowSoftPlacement(false)
        .build();
  }
}
