package io.vidgan.data;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * A pseudo-random permutation of {@code [0, n)} evaluated one index at a time, in constant memory
 * and time: a 4-round balanced Feistel network on the smallest even number of bits covering
 * {@code n}, with cycle walking to stay inside {@code [0, n)} (Black and Rogaway, 2002, Ciphers
 * with Arbitrary Finite Domains). Each epoch of the pipeline shuffles the whole dataset with a new
 * key, with no buffer and no per-epoch array, so resuming at any position is free.
 */
final class ShuffleOrder {
  private static final int ROUNDS = 4;

  private final int n;
  private final int halfBits;
  private final long mask;
  private final long[] keys = new long[ROUNDS];

  ShuffleOrder(int n, long key) {
    checkArgument(n > 0, "cannot shuffle %s items", n);
    this.n = n;
    int bits = Math.max(2, 64 - Long.numberOfLeadingZeros(n - 1L));
    this.halfBits = (bits + 1) / 2;
    this.mask = (1L << halfBits) - 1;
    for (int r = 0; r < ROUNDS; r++) {
      keys[r] = Seeds.mix(key, r);
    }
  }

  /** The item at position {@code i} of the shuffled order. */
  int at(int i) {
    checkArgument(i >= 0 && i < n, "position %s out of [0, %s)", i, n);
    long x = encrypt(i);
    while (x >= n) {
      x = encrypt(x);
    }
    return (int) x;
  }

  private long encrypt(long x) {
    long left = x >>> halfBits;
    long right = x & mask;
    for (long key : keys) {
      long next = left ^ (Seeds.mix(key, right) & mask);
      left = right;
      right = next;
    }
    return (left << halfBits) | right;
  }
}
