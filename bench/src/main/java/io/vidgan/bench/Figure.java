package io.vidgan.bench;

import java.util.Locale;

/**
 * One measured figure of the bench.
 *
 * @param measurement the measurement it belongs to ({@code replicas}, {@code generation}, ...)
 * @param name what was measured, e.g. {@code lres D step, 8 vs 1 replicas}
 * @param value the figure, in {@code unit}
 * @param unit {@code x} (a ratio), {@code %} (value is a fraction, shown as a percentage), or a
 *     physical unit such as {@code ms} or {@code clips/s}
 * @param target the bound it is held to, or null for figures reported without one
 * @param detail the measured quantities behind a ratio, e.g. {@code 283 ms vs 275 ms}
 */
public record Figure(String measurement, String name, double value, String unit, Target target,
    String detail) {

  /** A figure without a target. */
  public static Figure of(String measurement, String name, double value, String unit,
      String detail) {
    return new Figure(measurement, name, value, unit, null, detail);
  }

  /** "yes", "no", or "" without a target. */
  public String verdict() {
    return target == null ? "" : target.met(value) ? "yes" : "no";
  }

  public String formatted() {
    return format(value, unit);
  }

  /** {@code 1.03x}, {@code 4.2%}, or three significant digits and the unit. */
  static String format(double value, String unit) {
    if (!Double.isFinite(value)) {
      return "n/a";
    }
    return switch (unit) {
      case "x" -> String.format(Locale.ROOT, "%.2fx", value);
      case "%" -> String.format(Locale.ROOT, "%.1f%%", 100 * value);
      default -> significant(value) + " " + unit;
    };
  }

  /** Three significant digits, plain notation, thousands grouped for large values. */
  static String significant(double value) {
    double abs = Math.abs(value);
    if (abs >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", value);
    }
    int decimals = abs >= 100 ? 0 : abs >= 10 ? 1 : abs >= 1 ? 2 : 3;
    return String.format(Locale.ROOT, "%." + decimals + "f", value);
  }
}
