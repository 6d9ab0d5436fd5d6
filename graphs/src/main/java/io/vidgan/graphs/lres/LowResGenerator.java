package io.vidgan.graphs.lres;

import io.vidgan.graphs.Generator;
import io.vidgan.graphs.config.GeneratorConfig.UnitLayout;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.ops.BlockSpec;
import io.vidgan.ops.ConvFactory;
import io.vidgan.ops.ConvGru;
import io.vidgan.ops.GeneratorBlock;
import io.vidgan.ops.LayerFactory;
import io.vidgan.ops.SpatialResample;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The first-stage generator (DVD-GAN §3.1, App. B.2; SSW-GAN App. B.1): {@code [z; e(y)]} ->
 * linear -> {@code [4, 4, ch0]} replicated over T frames, then units of a ConvGRU ({@code
 * convgru_i}) and two 2-D ResNet blocks ({@code gblock_2i}, {@code gblock_2i+1}), the second
 * upsampling 2x; CBN everywhere conditioned on {@code [z; e(y)]} with per-frame statistics;
 * BN-ReLU-conv-tanh out.
 *
 * <p>Widths follow BigGAN's in-to-out convention: unit {@code i} runs at {@code ch x m_i} and its
 * last block widens or narrows to {@code ch x m_{i+1}}. How many units and which upsample is the
 * config's {@link UnitLayout} ({@link #units}): SSW-GAN/HVG have one unit per multiplier and the
 * last keeps its size, DVD-GAN doubles in every group.
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
    List<Unit> units = units(c);
    for (int i = 0; i < units.size(); i++) {
      Unit u = units.get(i);
      recurrent.add(new ConvGru(f, "convgru_" + i, u.in(), u.width()));
      stateShapes.add(new long[] {u.size(), u.size(), u.width()});
      blocks.add(new GeneratorBlock(f, "gblock_" + (2 * i), new BlockSpec(u.width(), u.width(),
          ConvFactory.FRAME_2D, SpatialResample.NONE), conditionDim(), frames()));
      blocks.add(new GeneratorBlock(f, "gblock_" + (2 * i + 1), new BlockSpec(u.width(), u.out(),
          ConvFactory.FRAME_2D, u.resample()), conditionDim(), frames()));
    }
  }

  /**
   * One unit: a ConvGRU from {@code in} to {@code width} channels at {@code size x size}, a block
   * at {@code width}, and a block to {@code out} channels that doubles the size if {@code
   * resample} is {@link SpatialResample#UP}.
   */
  public record Unit(int in, int width, int out, int size, SpatialResample resample) {
    /** Side of the unit's output. */
    public int outputSize() {
      return resample.outputSize(size);
    }
  }

  /**
   * The units of {@code c}'s generator, first first, laid out as its {@link UnitLayout} says: one
   * per multiplier with the last keeping its size (SSW-GAN App. B.1), or one per consecutive pair
   * of multipliers, all upsampling (DVD-GAN App. B.2).
   */
  public static List<Unit> units(StageConfig c) {
    List<Integer> widths = widths(c);
    boolean dvdGan = c.getGenerator().getUnitLayout() == UnitLayout.EVERY_UNIT_UPSAMPLES;
    int count = dvdGan ? widths.size() - 1 : widths.size();
    List<Unit> units = new ArrayList<>();
    int in = widths.get(0);
    int size = StageConfigs.STEM_SIZE;
    for (int i = 0; i < count; i++) {
      int width = widths.get(i);
      int next = i + 1 < widths.size() ? widths.get(i + 1) : width;
      Unit u = new Unit(in, width, next, size,
          dvdGan || i < count - 1 ? SpatialResample.UP : SpatialResample.NONE);
      units.add(u);
      in = next;
      size = u.outputSize();
    }
    return units;
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

  /**
   * One {@code [B, H, W, C]} ConvGRU state placeholder per unit, {@code state_<i>} under {@code
   * tf}, for {@link #apply(Ops, Operand, Operand, int, List)} to continue from: zeros for {@code
   * z}'s batch (the start of a video) unless fed the states a previous chunk ended with.
   */
  public List<PlaceholderWithDefault<TFloat32>> statePlaceholders(Ops tf, Operand<TFloat32> z) {
    List<PlaceholderWithDefault<TFloat32>> states = new ArrayList<>();
    for (int i = 0; i < stateShapes.size(); i++) {
      long[] hwc = stateShapes.get(i);
      Operand<TInt32> dims = tf.concat(List.of(tf.slice(tf.shape(z), tf.constant(new int[] {0}),
          tf.constant(new int[] {1})), tf.constant(new int[] {(int) hwc[0], (int) hwc[1],
          (int) hwc[2]})), tf.constant(0));
      states.add(tf.withName("state_" + i).placeholderWithDefault(
          tf.fill(dims, tf.constant(0f)), Shape.of(-1, hwc[0], hwc[1], hwc[2])));
    }
    return states;
  }

  /** Shape {@code [H, W, C]} of each unit's ConvGRU state, first unit first. */
  public List<long[]> stateShapes() {
    return stateShapes;
  }
}
