package io.vidgan.ops.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vidgan.ops.Variables;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;

/**
 * How far two float32 results of the same computation may differ when only the order of their
 * floating-point operations differs (another CPU's kernels, oneDNN on or off, another thread
 * count, another batch split): element {@code i} passes when {@code |a_i - b_i| <= relative *
 * (|a_i| + |b_i|) + absolute}.
 *
 * <p>The bounds come from the computation, not from one CPU: a float32 sum of {@code n} terms is
 * off by at most {@code gamma_n = n * u} times the sum of the terms' magnitudes, {@code u =
 * 2^-24} the unit round-off (Higham, <i>Accuracy and Stability of Numerical Algorithms</i>, 2002,
 * §4.2); to first order, the errors of a chain of such reductions add. {@link #sums} states that
 * bound; tests pass the reduction lengths and magnitudes of their own computation.
 */
public final class Closeness {
  /** Unit round-off of float32: half the distance from 1 to the next float. */
  public static final double UNIT_ROUNDOFF = Math.ulp(1.0f) / 2;

  private final double relative;
  private final double absolute;

  private Closeness(double relative, double absolute) {
    if (!(relative >= 0 && absolute >= 0)) {
      throw new IllegalArgumentException("tolerances must be >= 0, got relative " + relative
          + ", absolute " + absolute);
    }
    this.relative = relative;
    this.absolute = absolute;
  }

  /** Elements within {@code relative} of their magnitude, and {@code absolute}. */
  public static Closeness of(double relative, double absolute) {
    return new Closeness(relative, absolute);
  }

  /**
   * The rounding of {@code chain} float32 reductions in sequence, each of at most {@code terms}
   * terms of magnitude at most {@code magnitude}: each adds at most {@code gamma = terms * u} of
   * its terms' summed magnitudes, and to first order the errors of the chain add. Relative part:
   * {@code chain * gamma} (a result as large as its terms); absolute part: {@code chain * gamma *
   * magnitude} (a result whose terms cancel to below their own size).
   */
  public static Closeness sums(long chain, long terms, double magnitude) {
    double gamma = chain * terms * UNIT_ROUNDOFF;
    return new Closeness(gamma, gamma * magnitude);
  }

  /**
   * The rounding of a forward pass through the layers under {@code scope} of {@code graph} (its
   * inputs being the same): {@link #sums} over one reduction per kernel variable, each summing at
   * most the largest fan-in of a kernel (its elements per output channel) products of magnitude
   * {@code magnitude} (1 for activations normalised by batch norm and a tanh output).
   */
  public static Closeness forward(Graph graph, String scope, double magnitude) {
    long layers = 0;
    long fanIn = 1;
    for (Output<TFloat32> v : Variables.under(graph, scope, true)) {
      Shape shape = v.shape();
      if (v.op().name().endsWith("/kernel") && shape.numDimensions() > 0) {
        layers++;
        fanIn = Math.max(fanIn, shape.size() / shape.get(shape.numDimensions() - 1));
      }
    }
    if (layers == 0) {
      throw new IllegalArgumentException("no kernel variables under " + scope);
    }
    return sums(layers, fanIn, magnitude);
  }

  /**
   * This bound followed by {@code next}'s: to first order, the errors of a computation fed by
   * another add.
   */
  public Closeness plus(Closeness next) {
    return new Closeness(relative + next.relative, absolute + next.absolute);
  }

  /** The relative part. */
  public double relative() {
    return relative;
  }

  /** The absolute part. */
  public double absolute() {
    return absolute;
  }

  /**
   * The largest ratio of an element's difference to its bound: at most 1 when {@code a} and
   * {@code b} are close (its inverse is the margin left).
   */
  public double excess(float[] a, float[] b) {
    assertEquals(a.length, b.length, "lengths differ");
    double worst = 0;
    for (int i = 0; i < a.length; i++) {
      double diff = Math.abs((double) a[i] - b[i]);
      if (diff == 0) {
        continue;
      }
      double bound = relative * (Math.abs(a[i]) + Math.abs(b[i])) + absolute;
      worst = Math.max(worst, bound == 0 ? Double.POSITIVE_INFINITY : diff / bound);
    }
    return worst;
  }

  /** Asserts that every element of {@code actual} is close to the one of {@code expected}. */
  public void assertClose(float[] expected, float[] actual, String what) {
    double excess = excess(expected, actual);
    if (!(excess <= 1)) {
      throw new AssertionError(what + ": largest difference is " + excess + " times its bound ("
          + this + "), largest absolute difference " + TfRun.maxAbsDiff(expected, actual));
    }
  }

  /** Largest magnitude of any element of {@code values}. */
  public static double magnitude(float[]... values) {
    double max = 0;
    for (float[] v : values) {
      for (float x : v) {
        max = Math.max(max, Math.abs(x));
      }
    }
    return max;
  }

  @Override
  public String toString() {
    return String.format("|a-b| <= %.3g (|a|+|b|) + %.3g", relative, absolute);
  }
}
