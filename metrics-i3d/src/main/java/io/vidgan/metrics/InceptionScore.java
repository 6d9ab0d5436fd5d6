package io.vidgan.metrics;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * The Inception Score of classifier logits, {@code exp(E_x KL(p(y|x) || p(y)))}, as the mean and
 * standard deviation over splits.
 *
 * <p>Salimans et al., 2016, <a href="https://arxiv.org/abs/1606.03498">Improved Techniques for
 * Training GANs</a>, Sec. 4; on I3D (Kinetics) predictions for videos as in DVD-GAN. Splits follow
 * the original code: split {@code k} of {@code n} rows is rows {@code [k n / s, (k + 1) n / s)},
 * the marginal {@code p(y)} is the split's mean, and the standard deviation is the population one
 * (numpy's default). Softmax is computed in float64; {@code 0 log 0} counts as 0 (the original
 * gives NaN).
 */
public final class InceptionScore {
  /** The usual number of splits. */
  public static final int SPLITS_DEFAULT = 10;

  /** Mean and standard deviation of the per-split scores. */
  public record Score(double mean, double std, int splits) {}

  private InceptionScore() {}

  /**
   * @param logits row-major {@code [rows, classes]}
   * @param splits number of splits, at most {@code rows}
   */
  public static Score fromLogits(float[] logits, int rows, int classes, int splits) {
    checkArgument(classes > 0 && logits.length == (long) rows * classes,
        "expected %s x %s logits, got %s", rows, classes, logits.length);
    checkArgument(splits >= 1 && splits <= rows, "splits must be in [1, %s], got %s", rows,
        splits);
    double[] p = softmax(logits, rows, classes);
    double[] scores = new double[splits];
    for (int k = 0; k < splits; k++) {
      int from = (int) ((long) k * rows / splits);
      int to = (int) ((long) (k + 1) * rows / splits);
      scores[k] = Math.exp(meanKl(p, from, to, classes));
    }
    double mean = 0;
    for (double s : scores) {
      mean += s / splits;
    }
    double var = 0;
    for (double s : scores) {
      var += (s - mean) * (s - mean) / splits;
    }
    return new Score(mean, Math.sqrt(var), splits);
  }

  /** Mean over rows {@code [from, to)} of {@code KL(p_row || mean of p over those rows)}. */
  private static double meanKl(double[] p, int from, int to, int classes) {
    double[] marginal = new double[classes];
    for (int r = from; r < to; r++) {
      for (int c = 0; c < classes; c++) {
        marginal[c] += p[r * classes + c] / (to - from);
      }
    }
    double kl = 0;
    for (int r = from; r < to; r++) {
      for (int c = 0; c < classes; c++) {
        double q = p[r * classes + c];
        if (q > 0) {
          kl += q * (Math.log(q) - Math.log(marginal[c]));
        }
      }
    }
    return kl / (to - from);
  }

  private static double[] softmax(float[] logits, int rows, int classes) {
    double[] p = new double[logits.length];
    for (int r = 0; r < rows; r++) {
      int base = r * classes;
      double max = Double.NEGATIVE_INFINITY;
      for (int c = 0; c < classes; c++) {
        max = Math.max(max, logits[base + c]);
      }
      double sum = 0;
      for (int c = 0; c < classes; c++) {
        p[base + c] = Math.exp(logits[base + c] - max);
        sum += p[base + c];
      }
      for (int c = 0; c < classes; c++) {
        p[base + c] /= sum;
      }
    }
    return p;
  }
}
