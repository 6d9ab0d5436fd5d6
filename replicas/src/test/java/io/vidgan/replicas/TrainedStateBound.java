package io.vidgan.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vidgan.graphs.Generator;
import io.vidgan.graphs.GeneratorEma;
import io.vidgan.graphs.StageTraining;
import io.vidgan.graphs.config.AdamConfig;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.VideoShape;
import io.vidgan.ops.testing.Closeness;
import java.util.Map;

/**
 * How far two runs of the same training steps may drift apart by float32 rounding alone (another
 * batch split, kernel, CPU or thread count), per tensor of the trained state:
 *
 * <ul>
 *   <li>Adam's {@code m} is the applied gradient (beta1 = 0, as in the presets): a chain of at
 *       most {@code layers} reductions (one per kernel of the stage, forward and back), each
 *       summing at most {@code batch * frames * height * width} terms (a bias gradient sums every
 *       position of every video). Its terms partly cancel, so the bound's absolute part is
 *       scaled by the largest gradient element of that layer, the typical size of its terms; a
 *       single element may be far smaller (a conv bias feeding batch norm has a gradient of
 *       exactly zero, computed as float noise).
 *   <li>Adam's {@code v} sums squared gradients: twice the relative error.
 *   <li>A trained variable (or its EMA, a convex combination of its values) moves by {@code lr *
 *       m / (sqrt(v) + eps)} per step, which changes by at most {@code lr * |dm| / eps} when
 *       {@code m} changes by {@code dm}: so it is compared absolutely, relative to {@code lr *
 *       steps * |dm| / eps}, not to its own size. This is where Adam amplifies: with {@code eps
 *       = 1e-3} a gradient error of 1e-6 moves a weight by 1e-6, the full step being 1e-3.
 *   <li>Everything else (batch-norm moving moments, spectral-norm vectors, Adam's scalars) is a
 *       forward result of the same chain, relative to its largest element.
 * </ul>
 *
 * <p>First order only: a later step computed at weights that already differ adds the loss's
 * curvature times that difference, which these one- or two-iteration comparisons keep small.
 */
final class TrainedStateBound {
  private final StageConfig config;
  private final long terms;
  private final int dSteps;
  private final int gSteps;

  /**
   * @param batch global batch of each step
   * @param dSteps D updates in the compared runs
   * @param gSteps G updates in the compared runs
   */
  TrainedStateBound(StageConfig config, int batch, int dSteps, int gSteps) {
    VideoShape v = config.getVideo();
    this.config = config;
    this.terms = (long) batch * v.getFrames() * v.getHeight() * v.getWidth();
    this.dSteps = dSteps;
    this.gSteps = gSteps;
  }

  /**
   * Asserts that every tensor of {@code b} is within its bound of the one of {@code a}, and
   * prints the largest difference as a fraction of its bound (to compare CPUs).
   */
  void assertSameState(Map<String, float[]> a, Map<String, float[]> b) {
    assertEquals(a.keySet(), b.keySet());
    long layers = a.keySet().stream().filter(n -> n.endsWith("/kernel")
        && !n.startsWith(StageTraining.G_ADAM) && !n.startsWith(StageTraining.D_ADAM)
        && !n.contains("/" + GeneratorEma.SCOPE + "/")).count();
    double worst = 0;
    String where = "";
    for (String name : a.keySet()) {
      Closeness bound = bound(name, layers, a, b);
      bound.assertClose(a.get(name), b.get(name), name);
      double excess = bound.excess(a.get(name), b.get(name));
      if (excess > worst) {
        worst = excess;
        where = name;
      }
    }
    System.out.printf("largest difference: %.3g of its rounding bound, in %s%n", worst, where);
  }

  private Closeness bound(String name, long layers, Map<String, float[]> a,
      Map<String, float[]> b) {
    if (name.endsWith("-v")) {
      return Closeness.sums(2 * layers, terms, layerMagnitude(name, "-v", a, b));
    }
    String m = name.endsWith("-m") ? name : moment(name);
    if (!a.containsKey(m)) {
      return Closeness.sums(layers, terms, Closeness.magnitude(a.get(name), b.get(name)));
    }
    double size = layerMagnitude(m, "-m", a, b);
    Closeness g = Closeness.sums(layers, terms, size);
    if (m.equals(name)) {
      return g;
    }
    boolean d = m.startsWith(StageTraining.D_ADAM);
    AdamConfig adam = d ? config.getOptimization().getDiscriminatorAdam()
        : config.getOptimization().getGeneratorAdam();
    double gradientError = 2 * g.relative() * size + g.absolute();
    return Closeness.of(0, (d ? dSteps : gSteps) * adam.getLearningRate() * gradientError
        / adam.getEpsilon());
  }

  /**
   * The typical size of the terms summed into a moment of one layer: its largest element over all
   * of that layer's moments with {@code suffix}. A bias gradient that cancels to float noise
   * (a conv bias feeding batch norm) sums the same back-propagated terms as its kernel's.
   */
  private static double layerMagnitude(String moment, String suffix, Map<String, float[]> a,
      Map<String, float[]> b) {
    String layer = moment.substring(0, moment.lastIndexOf('/') + 1);
    double size = 0;
    for (String n : a.keySet()) {
      if (n.startsWith(layer) && n.endsWith(suffix) && n.indexOf('/', layer.length()) < 0) {
        size = Math.max(size, Closeness.magnitude(a.get(n), b.get(n)));
      }
    }
    return size;
  }

  /** Adam's {@code m} of a variable, or of the variable an EMA shadow follows. */
  private static String moment(String name) {
    String trained = name.replace("/" + GeneratorEma.SCOPE + "/", "/" + Generator.SCOPE + "/");
    String adam = trained.contains("/" + Generator.SCOPE + "/") ? StageTraining.G_ADAM
        : StageTraining.D_ADAM;
    return adam + "/" + trained + "-m";
  }
}
