package io.vidgan.ops.optim;

import static com.google.common.base.Preconditions.checkArgument;

import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.types.TFloat32;

/** A gradient and the {@code VariableV2} output it updates. */
public record GradAndVar(Operand<TFloat32> gradient, Output<TFloat32> variable) {
  public GradAndVar {
    checkArgument(gradient.shape().isCompatibleWith(variable.shape()),
        "gradient %s does not fit variable %s %s", gradient.shape(), variable.op().name(),
        variable.shape());
  }
}
