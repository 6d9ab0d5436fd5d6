package io.vidgan.ops.io;

import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;

/**
 * One tensor of a checkpoint as its index describes it.
 *
 * @param name the tensor's key, e.g. {@code RGB/inception_i3d/Conv3d_1a_7x7/conv_3d/w}
 * @param dtype its element type, e.g. {@code DT_FLOAT}
 * @param shape its full shape (of the whole tensor, also when it was saved in slices)
 */
public record CheckpointTensor(String name, DataType dtype, Shape shape) {
  /** {@code dtype} without the {@code DT_} prefix, lower case: {@code float}, {@code int64}. */
  public String dtypeName() {
    return typeName(dtype);
  }

  /** {@code dtype} without the {@code DT_} prefix, lower case: {@code float}, {@code int64}. */
  static String typeName(DataType dtype) {
    return dtype.name().replaceFirst("^DT_", "").toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public String toString() {
    return name + " " + dtypeName() + " " + shape;
  }
}
