package io.vidgan.bench;

/**
 * What training one model costs per sample, from two runs at batch sizes {@code batches[0] <
 * batches[1]}.
 *
 * @param label e.g. {@code stage 1 (lres)}
 * @param output what the model makes, {@code 32x32/25} (a window for a super-resolution stage)
 * @param peakKb peak RSS of each run's process, KB
 * @param secondsPerIteration median seconds of a training iteration (D steps + G step) at the
 *     larger batch
 */
record ModelCost(String label, String output, int[] batches, double[] peakKb,
    double secondsPerIteration) {
  ModelCost {
    if (batches.length != 2 || peakKb.length != 2 || batches[1] <= batches[0]) {
      throw new IllegalArgumentException("two runs, the second at the larger batch");
    }
  }

  /**
   * Peak training memory per sample, KB: the slope of peak RSS between the two batches, so what
   * every process holds whatever its batch (JVM, weights, Adam slots, graph) cancels and what is
   * left grows with the batch (activations kept for the backward pass, inputs).
   */
  double kbPerSample() {
    return (peakKb[1] - peakKb[0]) / (batches[1] - batches[0]);
  }

  /** Training time per sample at the larger batch (SSW-GAN Table 3: iteration time / samples). */
  double secondsPerSample() {
    return secondsPerIteration / batches[1];
  }
}
