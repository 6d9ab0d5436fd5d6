package io.vidgan.ops;

import static com.google.common.base.Preconditions.checkArgument;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A residual discriminator block: {@code [ReLU] - conv - ReLU - conv - [avg-pool]}, no
 * normalisation, plus a shortcut {@code conv1x1} and {@code avg-pool} that is learnable only when
 * the width or resolution changes.
 *
 * <p>BigGAN's D block as DVD-GAN and SSW-GAN App. A use it ("relu-conv-relu-conv, average-pool
 * after the last conv"). The first block of a network skips the leading ReLU (it sees pixels) and
 * pools before its shortcut conv; later blocks convolve the shortcut first. Pooling ({@link
 * SpatialResample#DOWN}) is 2x2 in space only, also in 3-D blocks: DVD-GAN's D_T then sees fewer
 * than 10 frames per output (two 3-D blocks of two 3x3x3 convs give a 9-frame field of view), as
 * HVG §2 describes it.
 *
 * @see <a href="https://arxiv.org/abs/1809.11096">Brock et al., 2019, Large Scale GAN Training for
 *     High Fidelity Natural Image Synthesis</a>
 */
public final class DiscriminatorBlock {
  private final String name;
  private final boolean preactivation;
  private final SpatialResample resample;
  private final VideoLayer conv0;
  private final VideoLayer conv1;
  private final VideoLayer shortcut;

  /**
   * @param spec widths, the 3x3 (x3) convolution of the block, and whether it downsamples (a
   *     discriminator block never upsamples)
   * @param preactivation false for the first block, which sees pixels
   */
  public DiscriminatorBlock(LayerFactory parent, String name, BlockSpec spec,
      boolean preactivation) {
    checkArgument(spec.resample() != SpatialResample.UP, "discriminator block %s cannot upsample",
        name);
    LayerFactory f = parent.child(name);
    this.name = name;
    this.preactivation = preactivation;
    this.resample = spec.resample();
    this.conv0 = spec.conv().create(f, "conv_0", spec.in(), spec.out());
    this.conv1 = spec.conv().create(f, "conv_1", spec.out(), spec.out());
    this.shortcut = spec.learnableShortcut()
        ? new Conv2d(f, "conv_sc", spec.in(), spec.out(), 1) : null;
  }

  /**
   * @param x {@code [B, T, H, W, in]}
   * @return {@code [B, T, H', W', out]} with {@code H' = H/2} if downsampling
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    Ops t = tf.withSubScope(name);
    Operand<TFloat32> h = preactivation ? t.nn.relu(x) : x;
    h = conv1.apply(t, t.nn.relu(conv0.apply(t, h)));
    return t.math.add(resample.apply(t, h), shortcut(t, x));
  }

  private Operand<TFloat32> shortcut(Ops t, Operand<TFloat32> x) {
    if (shortcut == null) {
      return x;
    }
    return preactivation ? resample.apply(t, shortcut.apply(t, x))
        : shortcut.apply(t, resample.apply(t, x));
  }
}
