package io.vidgan.data;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * Background work for a {@link BatchStream}: {@code threads} threads build batches ahead of the
 * trainer, at most {@code depth} batches at a time, which bounds the stream's memory to {@code
 * depth + 1} batches.
 */
public record Prefetch(int threads, int depth) {
  /** Threads used by {@link #defaults()} at most. */
  public static final int THREADS_MAX_DEFAULT = 4;

  public Prefetch {
    checkArgument(threads >= 1, "prefetch threads must be >= 1, got %s", threads);
    checkArgument(depth >= threads, "prefetch depth (%s) must be at least the threads (%s)",
        depth, threads);
  }

  /** One thread per core up to {@value #THREADS_MAX_DEFAULT}, two batches ahead per thread. */
  public static Prefetch defaults() {
    int threads = Math.max(1, Math.min(THREADS_MAX_DEFAULT,
        Runtime.getRuntime().availableProcessors()));
    return new Prefetch(threads, 2 * threads);
  }
}
