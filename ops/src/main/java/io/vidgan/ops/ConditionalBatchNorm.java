package io.vidgan.ops;

import static com.google.common.base.Preconditions.checkArgument;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Conditional batch norm: per-frame normalisation without learned affine parameters, then {@code
 * (1 + gain(c)) * x + bias(c)} with {@code gain} and {@code bias} linear maps of the conditioning
 * vector {@code c}.
 *
 * <p>DVD-GAN §3.1 conditions every CBN of G on the full {@code [z; e(y)]} (not BigGAN's per-block
 * chunks of z); SSW-GAN App. A conditions on the noise concatenated with the class embedding. The
 * {@code 1 +} parametrisation is BigGAN's {@code ccbn}, so an all-zero map starts as plain BN.
 *
 * @see <a href="https://arxiv.org/abs/1809.11096">Brock et al., 2019, Large Scale GAN Training for
 *     High Fidelity Natural Image Synthesis</a>
 * @see <a href="https://arxiv.org/abs/1907.06571">Clark et al., 2019, Adversarial Video Generation
 *     on Complex Datasets</a>
 */
public final class ConditionalBatchNorm {
  private final String name;
  private final int condDim;
  private final FrameNorm norm;
  private final Dense gain;
  private final Dense bias;

  /**
   * @param channels {@code C} of the normalised video
   * @param condDim length of the conditioning vector
   * @param frames number of frames with their own stored statistics
   */
  public ConditionalBatchNorm(LayerFactory parent, String name, int channels, int condDim,
      int frames) {
    LayerFactory f = parent.child(name);
    this.name = name;
    this.condDim = condDim;
    this.norm = new FrameNorm(f, channels, frames);
    this.gain = new Dense(f, "gain", condDim, channels, false);
    this.bias = new Dense(f, "bias", condDim, channels, false);
  }

  /**
   * @param x {@code [B, T, H, W, C]}
   * @param cond {@code [B, condDim]}
   * @return same shape as {@code x}
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, Operand<TFloat32> cond) {
    checkArgument(cond.shape().numDimensions() == 2 && cond.shape().get(1) == condDim,
        "%s expects a condition [B, %s], got %s", name, condDim, cond.shape());
    Ops t = tf.withSubScope(name);
    long[] broadcast = {-1, 1, 1, 1, x.shape().get(4)};
    Operand<TFloat32> g = t.reshape(gain.apply(t, cond), t.constant(broadcast));
    Operand<TFloat32> b = t.reshape(bias.apply(t, cond), t.constant(broadcast));
    return norm.apply(t, x, t.math.add(g, t.constant(1f)), b);
  }
}
