package io.vidgan.replicas;

import io.vidgan.graphs.TrainingStep;
import io.vidgan.replicas.config.DivergenceWatchConfig;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The divergence watchdog: catches GAN training that fails while every value stays finite (the
 * non-finite case stops the run in {@link Trainer} already). Two signs, each with thresholds in
 * {@link DivergenceWatchConfig}:
 *
 * <ul>
 *   <li>the D loss stuck on one value: a hinge discriminator (Lim and Ye, 2017, as in DVD-GAN,
 *       Clark et al., 2019, §3) that wins outright sits at 0, one whose scores have collapsed to
 *       a constant sits at a constant such as 2, one blown up by a too-high learning rate creeps
 *       along at thousands; either way G no longer gets a useful signal. Stuck means a spread
 *       (max - min) over the window within the tolerance times {@code max(1, |mean|)};
 *   <li>a G or D gradient norm far above its median over the recent iterations (an explosion, the
 *       usual first sign of a too-high learning rate).
 * </ul>
 *
 * <p>Not from the seeds, which say nothing about monitoring: a check of this implementation, off
 * when its thresholds are 0.
 */
final class DivergenceWatch {
  private final DivergenceWatchConfig config;
  private final ArrayDeque<Float> dLosses = new ArrayDeque<>();
  private final ArrayDeque<Float> gNorms = new ArrayDeque<>();
  private final ArrayDeque<Float> dNorms = new ArrayDeque<>();

  DivergenceWatch(DivergenceWatchConfig config) {
    this.config = config;
  }

  /** Records one iteration's values: the D loss and both gradient norms. */
  Optional<String> observe(StepValues values) {
    return observe(values.get(TrainingStep.LOSS_D), values.get(TrainingStep.GRAD_NORM_G),
        values.get(TrainingStep.GRAD_NORM_D));
  }

  /**
   * Records one iteration's values.
   *
   * @param dLoss the D loss of the iteration's last D update
   * @return what looks diverged at this iteration, or empty when nothing does
   */
  Optional<String> observe(float dLoss, float gGradNorm, float dGradNorm) {
    List<String> warnings = new ArrayList<>();
    plateau(dLoss).ifPresent(warnings::add);
    explosion("G", gGradNorm, gNorms).ifPresent(warnings::add);
    explosion("D", dGradNorm, dNorms).ifPresent(warnings::add);
    return warnings.isEmpty() ? Optional.empty() : Optional.of(String.join("; ", warnings));
  }

  private Optional<String> plateau(float loss) {
    long steps = config.getPlateauSteps();
    if (steps <= 0) {
      return Optional.empty();
    }
    dLosses.addLast(loss);
    if (dLosses.size() > steps) {
      dLosses.removeFirst();
    }
    if (dLosses.size() < steps) {
      return Optional.empty();
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0;
    for (float v : dLosses) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
    }
    double level = Math.max(1, Math.abs(sum / steps));
    return max - min <= config.getPlateauTolerance() * level
        ? Optional.of(String.format(Locale.ROOT, "D loss stuck at %.3f for %d iterations (spread "
            + "%.2g)", sum / steps, steps, max - min))
        : Optional.empty();
  }

  private Optional<String> explosion(String network, float norm, ArrayDeque<Float> recent) {
    long window = config.getGradNormWindow();
    if (config.getGradNormFactor() <= 0 || window <= 0) {
      return Optional.empty();
    }
    Optional<String> warning = Optional.empty();
    if (recent.size() == window) {
      double median = median(recent);
      if (norm > config.getGradNormFactor() * median) {
        warning = Optional.of(String.format(Locale.ROOT, "%s gradient norm %.3g is %.0fx its "
            + "median %.3g over the last %d iterations", network, norm, norm / median, median,
            window));
      }
    }
    recent.addLast(norm);
    if (recent.size() > window) {
      recent.removeFirst();
    }
    return warning;
  }

  private static double median(ArrayDeque<Float> values) {
    float[] sorted = new float[values.size()];
    int i = 0;
    for (float v : values) {
      sorted[i++] = v;
    }
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + (double) sorted[mid]) / 2;
  }
}
