package io.vidgan.ops;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * GAN losses over the outputs of several discriminators.
 *
 * <p>Each discriminator output is {@code [B, n_i]} (one score per sample and output location:
 * frames of D_S, frames of D_T, ...). As SSW-GAN App. A and HVG do, the outputs of all
 * discriminators are concatenated to {@code [B, sum n_i]} and the loss is averaged over samples and
 * outputs (DVD-GAN instead sums D_S's per-frame scores).
 */
public final class GanLosses {
  private GanLosses() {}

  /** The two terms of a discriminator loss and their sum, each a scalar. */
  public record DiscriminatorLoss(Operand<TFloat32> total, Operand<TFloat32> real,
      Operand<TFloat32> fake) {}

  // Geometric GAN hinge loss (Lim & Ye, 2017, arXiv:1705.02894), as in BigGAN and DVD-GAN §2.2.

  /**
   * Hinge discriminator loss: {@code mean(relu(1 - D(real))) + mean(relu(1 + D(fake)))}.
   *
   * @param real scores of real videos, each {@code [B, n_i]}
   * @param fake scores of generated videos, each {@code [B, n_i]}
   */
  public static DiscriminatorLoss hingeDiscriminatorLoss(Ops tf, List<Operand<TFloat32>> real,
      List<Operand<TFloat32>> fake) {
    Ops t = tf.withSubScope("hinge_discriminator_loss");
    Operand<TFloat32> one = t.constant(1f);
    Operand<TFloat32> lossReal = t.withName("real").math.mean(
        t.nn.relu(t.math.sub(one, concat(t, real))), allAxes(t));
    Operand<TFloat32> lossFake = t.withName("fake").math.mean(
        t.nn.relu(t.math.add(one, concat(t, fake))), allAxes(t));
    return new DiscriminatorLoss(t.withName("total").math.add(lossReal, lossFake), lossReal,
        lossFake);
  }

  /**
   * Hinge generator loss: {@code -mean(D(fake))}.
   *
   * @param fake scores of generated videos, each {@code [B, n_i]}
   */
  public static Operand<TFloat32> hingeGeneratorLoss(Ops tf, List<Operand<TFloat32>> fake) {
    Ops t = tf.withSubScope("hinge_generator_loss");
    return t.withName("total").math.neg(t.math.mean(concat(t, fake), allAxes(t)));
  }

  private static Operand<TFloat32> concat(Ops tf, List<Operand<TFloat32>> scores) {
    checkArgument(!scores.isEmpty(), "no discriminator outputs");
    for (Operand<TFloat32> s : scores) {
      checkArgument(s.shape().numDimensions() == 2, "scores must be [B, n], got %s", s.shape());
    }
    return scores.size() == 1 ? scores.get(0) : tf.concat(scores, tf.constant(1));
  }

  private static Operand<TInt32> allAxes(Ops tf) {
    return tf.constant(new int[] {0, 1});
  }
}
