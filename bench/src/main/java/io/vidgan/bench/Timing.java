package io.vidgan.bench;

import java.util.Arrays;

/** Wall-clock repetitions and their median (robust to the noise of a shared machine). */
public final class Timing {
  private Timing() {}

  /** Something timed once per repetition. */
  @FunctionalInterface
  public interface Body {
    void run() throws Exception;
  }

  /** Seconds of one run of {@code body}. */
  public static double seconds(Body body) throws Exception {
    long t0 = System.nanoTime();
    body.run();
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Seconds of each of {@code reps} runs of {@code body}. */
  public static double[] repeat(int reps, Body body) throws Exception {
    double[] seconds = new double[reps];
    for (int i = 0; i < reps; i++) {
      seconds[i] = seconds(body);
    }
    return seconds;
  }

  /** The median (mean of the middle two for an even count). */
  public static double median(double[] values) {
    if (values.length == 0) {
      throw new IllegalArgumentException("median of no values");
    }
    double[] sorted = values.clone();
    Arrays.sort(sorted);
    int mid = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
  }
}
