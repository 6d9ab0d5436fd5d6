package io.vidgan.data;

/**
 * Derives independent 64-bit seeds from tuples such as {@code (seed, replica, position)} with the
 * SplitMix64 finalizer (Steele et al., 2014, Fast Splittable Pseudorandom Number Generators), so
 * that every random choice of the pipeline is a pure function of its coordinates.
 */
final class Seeds {
  private Seeds() {}

  static long mix(long... parts) {
    long h = 0x9E3779B97F4A7C15L;
    for (long p : parts) {
      h = finish(h ^ finish(p + 0x9E3779B97F4A7C15L));
    }
    return h;
  }

  private static long finish(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
