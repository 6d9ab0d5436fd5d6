package io.vidgan.ops;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
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
 * outputs. The {@code summed*} variants give each discriminator its own loss and add them, the
 * combination for DVD-GAN's dual discriminator, whose D_S scores a video by the sum of its frames'
 * scores (DVD-GAN §3.1).
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

  /**
   * One hinge discriminator loss per discriminator, each averaged over its samples and outputs,
   * added: {@code sum_i [mean(relu(1 - D_i(real))) + mean(relu(1 + D_i(fake)))]}.
   *
   * @param real scores of real videos, one {@code [B, n_i]} per discriminator
   * @param fake scores of generated videos, one {@code [B, n_i]} per discriminator
   */
  public static DiscriminatorLoss summedHingeDiscriminatorLoss(Ops tf,
      List<Operand<TFloat32>> real, List<Operand<TFloat32>> fake) {
    checkArgument(!real.isEmpty() && real.size() == fake.size(),
        "need the same discriminators' outputs on both sides, got %s real and %s fake",
        real.size(), fake.size());
    Ops t = tf.withSubScope("summed_hinge_discriminator_loss");
    Operand<TFloat32> one = t.constant(1f);
    List<Operand<TFloat32>> lossReal = new ArrayList<>();
    List<Operand<TFloat32>> lossFake = new ArrayList<>();
    for (int i = 0; i < real.size(); i++) {
      Operand<TFloat32> r = checkScores(real.get(i));
      Operand<TFloat32> f = checkScores(fake.get(i));
      lossReal.add(t.math.mean(t.nn.relu(t.math.sub(one, r)), allAxes(t)));
      lossFake.add(t.math.mean(t.nn.relu(t.math.add(one, f)), allAxes(t)));
    }
    Operand<TFloat32> sumReal = t.withName("real").math.addN(lossReal);
    Operand<TFloat32> sumFake = t.withName("fake").math.addN(lossFake);
    return new DiscriminatorLoss(t.withName("total").math.add(sumReal, sumFake), sumReal,
        sumFake);
  }

  /**
   * Hinge generator loss with one term per discriminator: {@code -sum_i mean(D_i(fake))}.
   *
   * @param fake scores of generated videos, one {@code [B, n_i]} per discriminator
   */
  public static Operand<TFloat32> summedHingeGeneratorLoss(Ops tf,
      List<Operand<TFloat32>> fake) {
    checkArgument(!fake.isEmpty(), "no discriminator outputs");
    Ops t = tf.withSubScope("summed_hinge_generator_loss");
    List<Operand<TFloat32>> means = new ArrayList<>();
    for (Operand<TFloat32> f : fake) {
      means.add(t.math.mean(checkScores(f), allAxes(t)));
    }
    return t.withName("total").math.neg(t.math.addN(means));
  }

  private static Operand<TFloat32> checkScores(Operand<TFloat32> s) {
    checkArgument(s.shape().numDimensions() == 2, "scores must be [B, n], got %s", s.shape());
    return s;
  }

  private static Operand<TFloat32> concat(Ops tf, List<Operand<TFloat32>> scores) {
    checkArgument(!scores.isEmpty(), "no discriminator outputs");
    scores.forEach(GanLosses::checkScores);
    return scores.size() == 1 ? scores.get(0) : tf.concat(scores, tf.constant(1));
  }

  private static Operand<TInt32> allAxes(Ops tf) {
    return tf.constant(new int[] {0, 1});
  }
}
