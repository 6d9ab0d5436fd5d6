package io.vidgan.savedmodel;

import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Copies between Java float arrays (row-major) and float tensors. */
final class Tensors {
  private Tensors() {}

  /** A new tensor of {@code shape} holding {@code values}; the caller closes it. */
  static TFloat32 of(Shape shape, float[] values) {
    return TFloat32.tensorOf(shape, DataBuffers.of(values, true, false));
  }

  /** The values of a float tensor. */
  static float[] values(Tensor t) {
    TFloat32 f = (TFloat32) t;
    float[] out = new float[Math.toIntExact(f.shape().size())];
    f.copyTo(DataBuffers.of(out, false, false));
    return out;
  }
}
