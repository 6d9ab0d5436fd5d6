package io.vidgan.data.builtin;

import java.util.SplittableRandom;

/**
 * A two-colour procedural texture, with slow tonal variation and fine grain: stripes, checks,
 * dots or fractal noise at a random frequency and orientation. Its fine detail (up to about 60
 * cycles per frame height) is what super-resolution stages have to learn; {@link Noise#visible}
 * removes it where the pixel grid cannot show it.
 */
final class Texture {
  private enum Pattern { STRIPES, CHECKS, DOTS, CLOUDS }

  private final Pattern pattern;
  private final double frequency;
  private final double cos;
  private final double sin;
  private final double[] dark;
  private final double[] light;
  private final double grain;
  private final int seed;

  private Texture(Pattern pattern, double frequency, double angle, double[] dark, double[] light,
      double grain, int seed) {
    this.pattern = pattern;
    this.frequency = frequency;
    this.cos = StrictMath.cos(angle);
    this.sin = StrictMath.sin(angle);
    this.dark = dark;
    this.light = light;
    this.grain = grain;
    this.seed = seed;
  }

  /** A random texture; {@code vivid} ones (for shapes) are more saturated than backgrounds. */
  static Texture random(SplittableRandom random, boolean vivid) {
    Pattern pattern = Pattern.values()[random.nextInt(Pattern.values().length)];
    double hue = random.nextDouble();
    double saturation = vivid ? random.nextDouble(0.55, 0.95) : random.nextDouble(0.15, 0.45);
    double[] light = hsv(hue, saturation, random.nextDouble(0.75, 1.0));
    double[] dark = hsv(hue + random.nextDouble(-0.15, 0.15), saturation,
        random.nextDouble(0.15, 0.45));
    double frequency = pattern == Pattern.CLOUDS ? random.nextDouble(3, 8)
        : random.nextDouble(6, 40);
    return new Texture(pattern, frequency, random.nextDouble(Math.PI), dark, light,
        random.nextDouble(0.04, 0.12), random.nextInt());
  }

  /** Writes the colour at {@code (x, y)} (units of frame height) into {@code rgb}. */
  void color(double x, double y, double pixel, double[] rgb) {
    double s = x * cos + y * sin;
    double t = -x * sin + y * cos;
    double v = switch (pattern) {
      case STRIPES -> periodic(s, pixel);
      case CHECKS -> 0.5 + 2 * (periodic(s, pixel) - 0.5) * (periodic(t, pixel) - 0.5);
      case DOTS -> dots(s, t, pixel);
      case CLOUDS -> Noise.fractal(s, t, seed, frequency, 6, pixel);
    };
    double g = grain * (Noise.fractal(x, y, seed + 1, 60, 2, pixel) - 0.5);
    double tone = 0.75 + 0.5 * Noise.fractal(x, y, seed + 2, 1.5, 3, pixel);
    for (int c = 0; c < 3; c++) {
      rgb[c] = Noise.lerp(dark[c], light[c], v) * tone + g;
    }
  }

  private double periodic(double s, double pixel) {
    return 0.5 + Noise.visible(frequency, pixel) * (Noise.wave(s * frequency) - 0.5);
  }

  private double dots(double s, double t, double pixel) {
    double u = s * frequency;
    double v = t * frequency;
    double du = u - Math.floor(u) - 0.5;
    double dv = v - Math.floor(v) - 0.5;
    double edge = Math.max(0.05, frequency * pixel);
    double inside = Math.max(0, Math.min(1, (0.3 - Math.sqrt(du * du + dv * dv)) / edge + 0.5));
    return 0.5 + Noise.visible(frequency, pixel) * (inside - 0.5);
  }

  /** HSV (hue wraps around) to linear RGB in {@code [0, 1]}. */
  static double[] hsv(double hue, double saturation, double value) {
    double h = (hue - Math.floor(hue)) * 6;
    int sector = (int) h % 6;
    double f = h - Math.floor(h);
    double p = value * (1 - saturation);
    double q = value * (1 - saturation * f);
    double r = value * (1 - saturation * (1 - f));
    return switch (sector) {
      case 0 -> new double[] {value, r, p};
      case 1 -> new double[] {q, value, p};
      case 2 -> new double[] {p, value, r};
      case 3 -> new double[] {p, q, value};
      case 4 -> new double[] {r, p, value};
      default -> new double[] {value, p, q};
    };
  }
}
