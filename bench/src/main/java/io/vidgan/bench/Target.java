package io.vidgan.bench;

import java.util.Locale;

/**
 * The bound a figure is held to: at most or at least {@code bound}.
 *
 * @param atMost true for {@code value <= bound}, false for {@code value >= bound}
 */
public record Target(boolean atMost, double bound) {
  public static Target atMost(double bound) {
    return new Target(true, bound);
  }

  public static Target atLeast(double bound) {
    return new Target(false, bound);
  }

  public boolean met(double value) {
    return atMost ? value <= bound : value >= bound;
  }

  /** {@code <= 1.10} style, the bound shown in {@code unit}. */
  public String describe(String unit) {
    return (atMost ? "<= " : ">= ") + Figure.format(bound, unit);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s %s", atMost ? "<=" : ">=", bound);
  }
}
