package io.vidgan.graphs.lres;

import io.vidgan.graphs.Generator;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.ConvFactory;
import io.vidgan.ops.ConvGru;
import io.vidgan.ops.GeneratorBlock;
import io.vidgan.ops.LayerFactory;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The first-stage generator (DVD-GAN §3.1; SSW-GAN App. A level 1): {@code [z; e(y)]} -> linear ->
 * {@code [4, 4, ch0]} replicated over T frames, then one unit per channel multiplier: a ConvGRU
 * ({@code convgru_i}) and two 2-D ResNet blocks ({@code gblock_2i}, {@code gblock_2i+1}), the
 * second upsampling 2x in every unit but the last; CBN everywhere conditioned on {@code [z; e(y)]}
 * with per-frame statistics; BN-ReLU-conv-tanh out.
 *
 * <p>Widths follow BigGAN's in-to-out convention: unit {@code i} runs at {@code ch x m_i} and its
 * last block widens or narrows to {@code ch x m_{i+1}}.
 *
 * @see <a href="https://arxiv.org/abs/1907.06571">Clark et al., 2019, Adversarial Video Generation
 *     on Complex Datasets</a>
 */
public final class LowResGenerator extends Generator {
  private final List<ConvGru> recurrent = new ArrayList<>();
  private final List<GeneratorBlock> blocks = new ArrayList<>();

  /** Unit {@code i}'s ConvGRU state shape {@code [H, W, C]} (without the batch). */
  private final List<long[]> stateShapes = new ArrayList<>();

  /** What {@link #apply(Ops, Operand, Operand, int, List)} returns. */
  public record Chunk(Operand<TFloat32> video, List<Operand<TFloat32>> states) {}

  public LowResGenerator(LayerFactory stage, StageConfig c) {
    this(stage, c, c.getVideo().getFrames());
  }

  /** @param statFrames frames with their own stored BN statistics (see {@link Generator}) */
  public LowResGenerator(LayerFactory stage, StageConfig c, int statFrames) {
    super(stage, c, statFrames);
    LayerFactory f = scope();
    List<Integer> widths = widths(c);
    int in = widths.get(0);
    long size = io.vidgan.graphs.config.StageConfigs.STEM_SIZE;
    for (int i = 0; i < widths.size(); i++) {
      int width = widths.get(i);
      int next = i + 1 < widths.size() ? widths.get(i + 1) : width;
      boolean last = i == widths.size() - 1;
      recurrent.add(new ConvGru(f, "convgru_" + i, in, width));
      stateShapes.add(new long[] {size, size, width});
      size *= last ? 1 : 2;
      blocks.add(new GeneratorBlock(f, "gblock_" + (2 * i), width, width, ConvFactory.FRAME_2D,
          conditionDim(), frames(), false));
      blocks.add(new GeneratorBlock(f, "gblock_" + (2 * i + 1), width, next,
          ConvFactory.FRAME_2D, conditionDim(), frames(), !last));
      in = next;
    }
  }

  /**
   * Generates videos of {@code frames} frames (more than the training length unrolls the ConvGRUs
   * further; BN then reuses the last frame's stored statistics unless re-estimated).
   *
   * @param z {@code [B, latent]}
   * @param labels {@code [B]}, or null when unconditional
   * @return {@code [B, frames, H, W, 3]} in [-1, 1]
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> z, Operand<TInt32> labels,
      int frames) {
    return apply(tf, z, labels, frames, null).video();
  }

  /**
   * Generates {@code frames} frames continuing from the ConvGRU states a previous chunk ended
   * with, so that a video of any length can be made chunk by chunk in constant memory (the units
   * mix frames only through their ConvGRUs; everything else works frame by frame). With an
   * inference mode's frame offset, BN reads the statistics of the chunk's frames in the video.
   *
   * @param states one {@code [B, H, W, C]} state per unit ({@link #stateShapes}), or null for
   *     the start of a video
   * @return the chunk and the states to continue from
   */
  public Chunk apply(Ops tf, Operand<TFloat32> z, Operand<TInt32> labels, int frames,
      List<Operand<TFloat32>> states) {
    Ops t = tf.withSubScope(SCOPE);
    Operand<TFloat32> cond = condition(t, z, labels);
    Operand<TFloat32> h = stemInput(t, cond, frames);
    List<Operand<TFloat32>> last = new ArrayList<>();
    for (int i = 0; i < recurrent.size(); i++) {
      h = recurrent.get(i).apply(t, h, states == null ? null : states.get(i));
      last.add(t.squeeze(t.slice(h, t.constant(new int[] {0, frames - 1, 0, 0, 0}),
          t.constant(new int[] {-1, 1, -1, -1, -1})),
          org.tensorflow.op.core.Squeeze.axis(List.of(1L))));
      h = blocks.get(2 * i).apply(t, h, cond);
      h = blocks.get(2 * i + 1).apply(t, h, cond);
    }
    return new Chunk(toRgb(t, h), last);
  }

  /** Shape {@code [H, W, C]} of each unit's ConvGRU state, first unit first. */
  public List<long[]> stateShapes() {
    return stateShapes;
  }
}
