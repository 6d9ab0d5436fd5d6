package io.vidgan.replicas;

/**
 * Speed of a training run: iterations per second (mean over the last {@link #WINDOW} iterations,
 * so the slow first step does not skew it), the share of time spent waiting for data, and the ETA.
 */
final class Progress {
  static final int WINDOW = 20;

  private final double[] recent = new double[WINDOW];
  private int seen;
  private double stepSeconds;
  private double waitSeconds;

  void step(double seconds) {
    recent[seen % WINDOW] = seconds;
    seen++;
    stepSeconds += seconds;
  }

  void waited(double seconds) {
    waitSeconds += seconds;
  }

  double secondsPerStep() {
    int n = Math.min(seen, WINDOW);
    double sum = 0;
    for (int i = 0; i < n; i++) {
      sum += recent[i];
    }
    return n == 0 ? Double.NaN : sum / n;
  }

  double rate() {
    return 1 / secondsPerStep();
  }

  double eta(long remaining) {
    return remaining * secondsPerStep();
  }

  /** Fraction of the training time spent blocked on the input pipeline. */
  double waitFraction() {
    return stepSeconds == 0 ? 0 : waitSeconds / stepSeconds;
  }
}
