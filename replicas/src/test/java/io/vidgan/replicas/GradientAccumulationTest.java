package io.vidgan.replicas;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Gradient accumulation ({@code --grad-accum}) applies the mean of its micro-batches' gradients:
 * accumulating two copies of one micro-batch must update every variable, including both Adams'
 * moments (which hold the applied gradient, beta1 being 0), as one run on that micro-batch does;
 * a missing 1/k, a dropped accumulator or one not reset after the update all change the moments
 * by a factor of about two. The comparison is relative (1%), not exact, because every run also
 * advances the spectral-norm power iteration: the accumulated update sees {@code u} one iteration
 * further on (measured: 0.35% largest relative difference).
 */
class GradientAccumulationTest {
  @Test
  void twoCopiesOfAMicroBatchMatchOneRun() throws Exception {
    ReplicaEquivalence.assertAccumulationEquivalent("tiny/lres", 2,
        List.of("lres", "G_adam", "D_adam"), 1e-2);
  }
}
