package io.vidgan.replicas.devices;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_CloseSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteDeviceList;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeleteSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListCount;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_DeviceListType;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewGraph;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_NewSession;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SessionListDevices;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetConfig;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.tensorflow.internal.c_api.TF_DeviceList;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.GPUOptions;

/**
 * The GPUs TensorFlow sees in this process: 0 with the CPU native library, the visible CUDA
 * devices with the {@code gpu} profile's. Counted once from the device list of an empty session
 * ({@code TF_SessionListDevices}; TF Java 1.1.0's {@code Session} does not expose it), with
 * memory growth on so that counting does not reserve GPU memory.
 */
public final class LocalGpus {
  private static int count = -1;

  private LocalGpus() {}

  public static synchronized int count() {
    if (count < 0) {
      count = list();
    }
    return count;
  }

  private static int list() {
    try (PointerScope scope = new PointerScope()) {
      TF_Status status = TF_Status.newStatus();
      TF_SessionOptions options = TF_SessionOptions.newSessionOptions();
      byte[] config = ConfigProto.newBuilder()
          .setGpuOptions(GPUOptions.newBuilder().setAllowGrowth(true)).build().toByteArray();
      BytePointer bytes = new BytePointer(config);
      TF_SetConfig(options, bytes, config.length, status);
      status.throwExceptionIfNotOK();
      TF_Graph graph = TF_NewGraph();
      TF_Session session = TF_NewSession(graph, options, status);
      try {
        status.throwExceptionIfNotOK();
        TF_DeviceList devices = TF_SessionListDevices(session, status);
        status.throwExceptionIfNotOK();
        int gpus = 0;
        for (int i = 0; i < TF_DeviceListCount(devices); i++) {
          if (TF_DeviceListType(devices, i, status).getString().equals("GPU")) {
            gpus++;
          }
        }
        TF_DeleteDeviceList(devices);
        return gpus;
      } finally {
        if (session != null && !session.isNull()) {
          TF_CloseSession(session, status);
          TF_DeleteSession(session, status);
        }
        TF_DeleteGraph(graph);
      }
    }
  }
}
