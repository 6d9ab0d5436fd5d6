package io.vidgan.graphs.sres;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.graphs.Generator;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.graphs.config.VideoShape;
import io.vidgan.ops.BlockSpec;
import io.vidgan.ops.Conv2d;
import io.vidgan.ops.ConvFactory;
import io.vidgan.ops.GeneratorBlock;
import io.vidgan.ops.LayerFactory;
import io.vidgan.ops.Resample;
import io.vidgan.ops.SpatialResample;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A super-resolution generator (HVG §3.2; SSW-GAN App. B.2): upsamples a low-res window {@code
 * x_l} 2x in time and 2x-4x in space, given noise {@code z} and optionally a class.
 *
 * <p>Same as the first-stage generator with each ConvGRU replaced by a separable 3-D ResNet block,
 * so a unit is {@code gblock_3i} (separable 3-D), {@code gblock_3i+1} and {@code gblock_3i+2} (2-D,
 * the latter upsampling 2x in every unit). After each block whose output is not larger than
 * {@code x_l} spatially, {@code x_l} repeated in time to the output length (nearest-neighbour
 * temporal interpolation), nearest-downsampled to the block's size and mapped by a 1x1 conv
 * ({@code lowres_k}) is added: {@code x_l} is never upscaled.
 *
 * <p>Every layer is per-frame except the temporal convolutions of the separable blocks, so the
 * generator is convolutional in time: it applies to a low-res clip of any length (HVG §3.2
 * "Inference": levels are applied over the whole input without temporal cropping), and an output
 * frame depends on the {@link #temporalRadius} frames on each side of it.
 *
 * @see <a href="https://arxiv.org/abs/2106.02719">Castrejon et al., 2021, Hierarchical Video
 *     Generation for Complex Data</a>
 */
public final class SuperResGenerator extends Generator {
  private static final int BLOCKS_PER_UNIT = 3;

  private final List<GeneratorBlock> blocks = new ArrayList<>();
  /** One entry per block: the 1x1 conv adding x_l after it, or null above x_l's resolution. */
  private final List<Conv2d> lowResConvs = new ArrayList<>();
  private final List<Integer> blockSizes = new ArrayList<>();
  private final VideoShape low;
  private final int timeFactor;

  /** A generator with BN statistics for the trained window. */
  public SuperResGenerator(LayerFactory stage, StageConfig c) {
    this(stage, c, c.getVideo().getFrames());
  }

  /**
   * @param statFrames frames (output rate) with their own stored BN statistics: the trained
   *     window, or the length of a whole-video application they were re-estimated at
   */
  public SuperResGenerator(LayerFactory stage, StageConfig c, int statFrames) {
    super(stage, c, statFrames);
    this.low = StageConfigs.lowResShape(c);
    this.timeFactor = c.getLowRes().getTimeFactor();
    LayerFactory f = scope();
    List<Integer> widths = widths(c);
    int size = StageConfigs.STEM_SIZE;
    int in = widths.get(0);
    for (int i = 0; i < widths.size(); i++) {
      int width = widths.get(i);
      int next = i + 1 < widths.size() ? widths.get(i + 1) : width;
      int k = BLOCKS_PER_UNIT * i;
      size = addBlock(f, k, new BlockSpec(in, width, ConvFactory.SEPARABLE_3D,
          SpatialResample.NONE), size);
      size = addBlock(f, k + 1, new BlockSpec(width, width, ConvFactory.FRAME_2D,
          SpatialResample.NONE), size);
      size = addBlock(f, k + 2, new BlockSpec(width, next, ConvFactory.FRAME_2D,
          SpatialResample.UP), size);
      in = next;
    }
  }

  /** Adds block {@code k} on {@code size x size} maps; returns the side of its output. */
  private int addBlock(LayerFactory f, int k, BlockSpec spec, int size) {
    int out = spec.resample().outputSize(size);
    blocks.add(new GeneratorBlock(f, "gblock_" + k, spec, conditionDim(), frames()));
    blockSizes.add(out);
    lowResConvs.add(out <= low.getHeight() ? new Conv2d(f, "lowres_" + k, 3, spec.out(), 1)
        : null);
    return out;
  }

  /**
   * Output frames on each side of an output frame that it depends on: the temporal radii of all
   * blocks added, all at the output frame rate ({@code x_l} is repeated in time first).
   */
  public int temporalRadius() {
    return blocks.stream().mapToInt(GeneratorBlock::temporalRadius).sum();
  }

  /**
   * @param lowRes {@code [B, T', H/space_factor, W/space_factor, 3]} in [-1, 1]: a trained window
   *     ({@code T' = T/time_factor}) or a clip of any length, zero-padded at its ends by every
   *     temporal convolution; {@code T'} may be known only at run time
   * @param z {@code [B, latent]}
   * @param labels {@code [B]}, or null when unconditional
   * @return {@code [B, T' * time_factor, H, W, 3]} in [-1, 1]
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> lowRes, Operand<TFloat32> z,
      Operand<TInt32> labels) {
    Shape s = Resample.checkFrames(lowRes);
    checkArgument(s.get(1) != 0 && s.get(2) == low.getHeight() && s.get(3) == low.getWidth()
        && s.get(4) == 3, "low-res video must be [B, T', %s, %s, 3], got %s", low.getHeight(),
        low.getWidth(), s);
    Ops t = tf.withSubScope(SCOPE);
    Operand<TFloat32> cond = condition(t, z, labels);
    Operand<TFloat32> repeated = Resample.repeatFrames(t, lowRes, timeFactor);
    Operand<TFloat32> h = stemInput(t, cond, repeated);
    for (int k = 0; k < blocks.size(); k++) {
      h = blocks.get(k).apply(t, h, cond);
      Conv2d conv = lowResConvs.get(k);
      if (conv != null) {
        Operand<TFloat32> view = Resample.downsampleSpace(t, repeated,
            low.getHeight() / blockSizes.get(k));
        h = t.math.add(h, conv.apply(t, view));
      }
    }
    return toRgb(t, h);
  }
}
