package io.vidgan.metrics;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.ops.WeightInit;
import java.util.List;
import java.util.function.Consumer;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.MaxPool3d;
import org.tensorflow.types.TFloat32;

/**
 * An inflated Inception module ({@code Mixed_*} of I3D): four branches concatenated on channels,
 * {@code Branch_0} a 1x1x1 unit, {@code Branch_1} and {@code Branch_2} a 1x1x1 unit then a 3x3x3
 * unit, {@code Branch_3} a 3x3x3 stride-1 SAME max-pool then a 1x1x1 unit.
 *
 * <p>Unit names follow the published checkpoints: {@code Conv3d_0a_1x1}, {@code Conv3d_0b_3x3},
 * and {@code Branch_3/Conv3d_0b_1x1}; in {@code Mixed_5b} alone the 3x3x3 unit of {@code Branch_2}
 * is {@code Conv3d_0a_3x3} (a naming slip in the original code, kept by every checkpoint).
 */
final class MixedBlock {
  /** The one block whose {@code Branch_2} names its 3x3x3 unit {@code Conv3d_0a_3x3}. */
  static final String QUIRK_BLOCK = "Mixed_5b";

  private static final List<Long> POOL_KERNEL = List.of(1L, 3L, 3L, 3L, 1L);
  private static final List<Long> UNIT_STRIDES = List.of(1L, 1L, 1L, 1L, 1L);

  private final String name;
  private final int out;
  private final Unit3d b0;
  private final Unit3d b1a;
  private final Unit3d b1b;
  private final Unit3d b2a;
  private final Unit3d b2b;
  private final Unit3d b3;

  /**
   * @param block the block's scope, e.g. {@code .../Mixed_3b}
   * @param widths output channels {@code (b0, b1a, b1b, b2a, b2b, b3)}, as in the I3D paper's
   *     Inception-v1 table
   * @param registry receives every variable created
   */
  MixedBlock(Ops block, String name, I3dLayout layout, WeightInit init, int in, int[] widths,
      Consumer<Variable<TFloat32>> registry) {
    checkArgument(widths.length == 6, "%s needs 6 branch widths, got %s", name, widths.length);
    this.name = name;
    this.out = widths[0] + widths[2] + widths[4] + widths[5];
    Ops branch0 = block.withSubScope("Branch_0");
    Ops branch1 = block.withSubScope("Branch_1");
    Ops branch2 = block.withSubScope("Branch_2");
    Ops branch3 = block.withSubScope("Branch_3");
    String b2bName = name.equals(QUIRK_BLOCK) ? "Conv3d_0a_3x3" : "Conv3d_0b_3x3";
    UnitFactory unit = (branch, unitName, unitIn, out, k) -> new Unit3d(
        branch.withSubScope(unitName), unitName, layout, init, unitIn, out, k, 1, registry);
    this.b0 = unit.create(branch0, "Conv3d_0a_1x1", in, widths[0], 1);
    this.b1a = unit.create(branch1, "Conv3d_0a_1x1", in, widths[1], 1);
    this.b1b = unit.create(branch1, "Conv3d_0b_3x3", widths[1], widths[2], 3);
    this.b2a = unit.create(branch2, "Conv3d_0a_1x1", in, widths[3], 1);
    this.b2b = unit.create(branch2, b2bName, widths[3], widths[4], 3);
    this.b3 = unit.create(branch3, "Conv3d_0b_1x1", in, widths[5], 1);
  }

  /** Creates the unit {@code name} in {@code branch}. */
  @FunctionalInterface
  private interface UnitFactory {
    Unit3d create(Ops branch, String name, int in, int out, int k);
  }

  /** Number of output channels. */
  int channels() {
    return out;
  }

  /**
   * @param x {@code [B, T, H, W, C_in]}
   * @return {@code [B, T, H, W, channels()]}
   */
  Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    Ops t = tf.withSubScope(name);
    Operand<TFloat32> pooled = t.nn.maxPool3d(x, POOL_KERNEL, UNIT_STRIDES, "SAME",
        new MaxPool3d.Options[0]);
    List<Operand<TFloat32>> branches = List.of(
        b0.apply(t.withSubScope("Branch_0"), x),
        b1b.apply(t.withSubScope("Branch_1"), b1a.apply(t.withSubScope("Branch_1a"), x)),
        b2b.apply(t.withSubScope("Branch_2"), b2a.apply(t.withSubScope("Branch_2a"), x)),
        b3.apply(t.withSubScope("Branch_3"), pooled));
    return t.concat(branches, t.constant(4));
  }
}
