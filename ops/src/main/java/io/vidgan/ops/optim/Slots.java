package io.vidgan.ops.optim;

import io.vidgan.ops.Scopes;
import io.vidgan.ops.Variables;
import org.tensorflow.Output;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Per-variable optimizer state: slot {@code s} of variable {@code a/b/kernel} is {@code
 * <scope>/a/b/kernel-s}, shaped like the variable (the naming of TF1's slot creator, so slots
 * read the same in Python).
 */
final class Slots {
  private Slots() {}

  /** Creates slot {@code slot} of {@code variable} under {@code scope}, filled with {@code value}. */
  static Variable<TFloat32> create(Ops scope, Output<TFloat32> variable, String slot,
      float value) {
    String name = variable.op().name();
    int slash = name.lastIndexOf('/');
    Ops at = slash < 0 ? scope
        : Scopes.at(scope, Scopes.path(scope) + "/" + name.substring(0, slash));
    return Variables.constant(at, name.substring(slash + 1) + "-" + slot, variable.shape(),
        value);
  }
}
