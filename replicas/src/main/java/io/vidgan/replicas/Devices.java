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
 * <p>Sessions use 2 intra-op and 1 inter-op threads by default, the fastest setting measured on
 * this project's 2-core machines; oneDNN stays on.
 */
public final class Devices {
  public static final int INTRA_OP_THREADS_DEFAULT = 2;
  public static final int INTER_OP_THREADS_DEFAULT = 1;

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
    return ConfigProto.newBuilder()
        .putDeviceCount("CPU", gpu ? 1 : replicas.size())
        .setIntraOpParallelismThreads(INTRA_OP_THREADS_DEFAULT)
        .setInterOpParallelismThreads(INTER_OP_THREADS_DEFAULT)
        .setAllowSoftPlacement(false)
        .build();
  }
}
