package io.vidgan.ops.grad;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.CustomGradient;
import org.tensorflow.op.Ops;
import org.tensorflow.op.nn.Conv3d;
import org.tensorflow.op.nn.Conv3dBackpropFilter;
import org.tensorflow.op.nn.Conv3dBackpropInput;
import org.tensorflow.types.family.TNumber;

/**
 * The gradient of {@code Conv3D}, which TensorFlow's C++ gradient registry lacks (TF 2.18).
 *
 * <p>For {@code y = conv3d(x, w)}: {@code dL/dx = Conv3DBackpropInputV2(shape(x), w, dL/dy)} and
 * {@code dL/dw = Conv3DBackpropFilterV2(x, shape(w), dL/dy)}, with the forward op's strides,
 * padding, data format and dilations (the rule Python TF's {@code _Conv3DGrad} implements).
 */
public final class Conv3dGradient implements CustomGradient<Conv3d.Inputs> {
  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public List<Operand<?>> call(Ops tf, Conv3d.Inputs op, List<Output<?>> gradInputs) {
    Operand x = op.input;
    Operand w = op.filter;
    Operand<? extends TNumber> dy = (Operand<? extends TNumber>) gradInputs.get(0);
    List<Long> strides = asList(op.strides);
    List<Long> dilations = asList(op.dilations);
    Operand dx = tf.nn.conv3dBackpropInput(tf.shape(x), w, (Operand) dy, strides, op.padding,
        Conv3dBackpropInput.dataFormat(op.dataFormat), Conv3dBackpropInput.dilations(dilations));
    Operand dw = tf.nn.conv3dBackpropFilter(x, tf.shape(w), (Operand) dy, strides, op.padding,
        Conv3dBackpropFilter.dataFormat(op.dataFormat), Conv3dBackpropFilter.dilations(dilations));
    return List.of(dx, dw);
  }

  private static List<Long> asList(long[] values) {
    List<Long> list = new ArrayList<>(values.length);
    for (long v : values) {
      list.add(v);
    }
    return list;
  }
}
