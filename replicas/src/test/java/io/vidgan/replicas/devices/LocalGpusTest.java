package io.vidgan.replicas.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;

/** The GPU count agrees with what TF can place: an op pinned to GPU:0 runs iff it is > 0. */
class LocalGpusTest {
  @Test
  void countAgreesWithPlacement() {
    boolean placed;
    try (Graph g = new Graph()) {
      Ops tf = Ops.create(g).withDevice(DeviceSpec.newBuilder()
          .deviceType(DeviceSpec.DeviceType.GPU).deviceIndex(0).build());
      tf.withName("y").math.add(tf.constant(1f), tf.constant(2f));
      try (Session s = new Session(g, ConfigProto.newBuilder().setAllowSoftPlacement(false)
          .build())) {
        try (TFloat32 y = (TFloat32) s.runner().fetch("y").run().get(0)) {
          placed = y.getFloat() == 3f;
        }
      } catch (RuntimeException e) {
        placed = false;
      }
    }
    assertEquals(placed, LocalGpus.count() > 0);
  }
}
