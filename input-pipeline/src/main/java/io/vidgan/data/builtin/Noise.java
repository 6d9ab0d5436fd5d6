package io.vidgan.data.builtin;

/**
 * Deterministic procedural patterns in pure arithmetic (no trigonometry per pixel, so renders are
 * identical on every JVM): hashed value noise, its fractal sum, and a smooth periodic wave. Detail
 * finer than a pixel is faded out ("band-limited") so low resolutions do not alias, while high
 * resolutions keep it.
 */
final class Noise {
  private Noise() {}

  /** Value noise in {@code [0, 1]}: hashed lattice values, smoothly interpolated. */
  static double value(double x, double y, int seed) {
    double fx = Math.floor(x);
    double fy = Math.floor(y);
    int ix = (int) fx;
    int iy = (int) fy;
    double tx = smooth(x - fx);
    double ty = smooth(y - fy);
    double a = lattice(ix, iy, seed);
    double b = lattice(ix + 1, iy, seed);
    double c = lattice(ix, iy + 1, seed);
    double d = lattice(ix + 1, iy + 1, seed);
    return lerp(lerp(a, b, tx), lerp(c, d, tx), ty);
  }

  /**
   * Fractal value noise in {@code [0, 1]}: {@code octaves} layers, each twice the frequency and
   * half the amplitude of the last, each faded by {@link #visible}.
   *
   * @param frequency cycles per unit of the first octave
   * @param pixel size of a pixel in the same units
   */
  static double fractal(double x, double y, int seed, double frequency, int octaves,
      double pixel) {
    double sum = 0;
    double amplitude = 0.5;
    double f = frequency;
    for (int o = 0; o < octaves; o++) {
      double w = visible(f, pixel);
      if (w <= 0) {
        break;
      }
      sum += amplitude * w * (value(x * f, y * f, seed + 7919 * o) - 0.5);
      amplitude *= 0.5;
      f *= 2;
    }
    return 0.5 + sum;
  }

  /** A smooth wave of period 1 in {@code [0, 1]}: 1 at integers, 0 at half-integers. */
  static double wave(double x) {
    double t = Math.abs(2 * (x - Math.floor(x)) - 1);
    return smooth(t);
  }

  /**
   * How much of a pattern of {@code frequency} cycles per unit survives at {@code pixel} units per
   * pixel: 1 below a quarter cycle per pixel, 0 at the Nyquist limit (half a cycle), smooth
   * between.
   */
  static double visible(double frequency, double pixel) {
    double cyclesPerPixel = frequency * pixel;
    return smooth(Math.max(0, Math.min(1, (0.5 - cyclesPerPixel) / 0.25)));
  }

  static double smooth(double t) {
    return t * t * (3 - 2 * t);
  }

  static double lerp(double a, double b, double t) {
    return a + (b - a) * t;
  }

  private static double lattice(int x, int y, int seed) {
    int h = x * 374761393 + y * 668265263 + seed * 1274126177;
    h = (h ^ (h >>> 13)) * 1103515245;
    h ^= h >>> 16;
    return (h & 0xffff) / 65535.0;
  }
}
