package io.vidgan.ops;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/** Builds the initial value of a weight variable. */
@FunctionalInterface
public interface WeightInit {
  /**
   * @param tf an init-scope {@code Ops} already scoped under the variable's initializer name
   * @param variableName the full name of the variable, usable to derive a per-variable seed
   * @param shape the variable's shape
   * @return the initial value, of shape {@code shape}
   */
  Operand<TFloat32> initialValue(Ops tf, String variableName, Shape shape);
}
