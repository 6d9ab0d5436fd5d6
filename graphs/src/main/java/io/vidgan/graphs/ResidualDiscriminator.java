package io.vidgan.graphs;

import io.vidgan.ops.BlockSpec;
import io.vidgan.ops.ConvFactory;
import io.vidgan.ops.DiscriminatorBlock;
import io.vidgan.ops.LayerFactory;
import io.vidgan.ops.SpatialResample;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The body shared by D_S, D_T and D_M: residual blocks {@code dblock_i} of width {@code base x
 * multiplier_i}, the first {@code blocks3d} of them 3-D (3x3x3), the rest per-frame 2-D, then a
 * {@link ScoreHead} giving one score per frame.
 *
 * <p>Blocks halve height and width while the map is larger than 4x4, except the last block
 * (BigGAN's D at 64 and 128 pixels ends at 4x4 the same way).
 */
final class ResidualDiscriminator {
  static final int FINAL_SIZE = 4;

  private final List<DiscriminatorBlock> blocks = new ArrayList<>();
  private final ScoreHead head;

  /** @param plan the blocks, from {@link #plan} */
  ResidualDiscriminator(LayerFactory f, List<Block> plan, int numClasses) {
    for (int i = 0; i < plan.size(); i++) {
      blocks.add(new DiscriminatorBlock(f, "dblock_" + i, plan.get(i).spec(), i > 0));
    }
    this.head = new ScoreHead(f, plan.get(plan.size() - 1).spec().out(), numClasses);
  }

  /** One block, on {@code size x size} maps. */
  record Block(BlockSpec spec, int size) {
    int outputSize() {
      return spec.resample().outputSize(size);
    }
  }

  /**
   * The blocks of a body, input side first.
   *
   * @param inChannels channels of the input video (3, or 6 for D_M's pairs)
   * @param resolution height (= width) of the input video
   * @param blocks3d leading blocks that are 3-D
   */
  static List<Block> plan(int inChannels, int resolution, int base, List<Integer> multipliers,
      int blocks3d) {
    List<Block> plan = new ArrayList<>();
    int in = inChannels;
    int size = resolution;
    for (int i = 0; i < multipliers.size(); i++) {
      int out = base * multipliers.get(i);
      boolean down = i < multipliers.size() - 1 && size > FINAL_SIZE && size % 2 == 0;
      Block b = new Block(new BlockSpec(in, out, i < blocks3d ? ConvFactory.FULL_3D
          : ConvFactory.FRAME_2D, down ? SpatialResample.DOWN : SpatialResample.NONE), size);
      plan.add(b);
      in = out;
      size = b.outputSize();
    }
    return plan;
  }

  /**
   * @param x {@code [B, T, H, W, inChannels]}
   * @param labels {@code [B]}, or null when unconditional
   * @return {@code [B, T]}
   */
  Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, Operand<TInt32> labels) {
    Operand<TFloat32> h = x;
    for (DiscriminatorBlock block : blocks) {
      h = block.apply(tf, h);
    }
    return head.apply(tf, h, labels);
  }
}
