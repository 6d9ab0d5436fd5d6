package io.vidgan.ops;

import static com.google.common.base.Preconditions.checkArgument;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A residual generator block: {@code CBN - ReLU - [up] - conv - CBN - ReLU - conv}, plus a shortcut
 * {@code [up] - conv1x1} that is learnable only when the width or resolution changes.
 *
 * <p>BigGAN's G block, which DVD-GAN builds on (its Fig. 7) and SSW-GAN App. A states for its
 * re-implementation ("norm-act-[NN-upsample]-conv-norm-act-conv"). Upsampling ({@link
 * SpatialResample#UP}) is nearest-neighbour 2x in space. The convolution is given by a {@link
 * ConvFactory}: per-frame 2-D in both generators, separable 3-D in the super-resolution
 * generator's 3-D block.
 *
 * @see <a href="https://arxiv.org/abs/1809.11096">Brock et al., 2019, Large Scale GAN Training for
 *     High Fidelity Natural Image Synthesis</a>
 */
public final class GeneratorBlock {
  private final String name;
  private final SpatialResample resample;
  private final ConditionalBatchNorm cbn0;
  private final ConditionalBatchNorm cbn1;
  private final VideoLayer conv0;
  private final VideoLayer conv1;
  private final VideoLayer shortcut;

  /**
   * @param spec widths, the 3x3 convolution of the block, and whether it upsamples (a generator
   *     block never downsamples)
   * @param condDim length of the CBN conditioning vector
   * @param frames frames of the videos the block sees (per-frame BN statistics)
   */
  public GeneratorBlock(LayerFactory parent, String name, BlockSpec spec, int condDim,
      int frames) {
    checkArgument(spec.resample() != SpatialResample.DOWN, "generator block %s cannot downsample",
        name);
    LayerFactory f = parent.child(name);
    this.name = name;
    this.resample = spec.resample();
    this.cbn0 = new ConditionalBatchNorm(f, "cbn_0", spec.in(), condDim, frames);
    this.conv0 = spec.conv().create(f, "conv_0", spec.in(), spec.out());
    this.cbn1 = new ConditionalBatchNorm(f, "cbn_1", spec.out(), condDim, frames);
    this.conv1 = spec.conv().create(f, "conv_1", spec.out(), spec.out());
    this.shortcut = spec.learnableShortcut()
        ? new Conv2d(f, "conv_sc", spec.in(), spec.out(), 1) : null;
  }

  /**
   * Frames on each side of an output frame that it depends on: the two convolutions' radii added
   * (the shortcut is per-frame).
   */
  public int temporalRadius() {
    return conv0.temporalRadius() + conv1.temporalRadius();
  }

  /**
   * @param x {@code [B, T, H, W, in]}
   * @param cond {@code [B, condDim]}
   * @return {@code [B, T, H', W', out]} with {@code H' = 2H} if upsampling
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, Operand<TFloat32> cond) {
    Ops t = tf.withSubScope(name);
    Operand<TFloat32> h = t.nn.relu(cbn0.apply(t, x, cond));
    h = conv0.apply(t, resample.apply(t, h));
    h = conv1.apply(t, t.nn.relu(cbn1.apply(t, h, cond)));
    Operand<TFloat32> skip = resample.apply(t, x);
    return t.math.add(h, shortcut == null ? skip : shortcut.apply(t, skip));
  }
}
