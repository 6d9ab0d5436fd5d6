package io.vidgan.graphs;

/**
 * The updates of one training iteration (DVD-GAN App. B.3): Adam steps of the discriminators and
 * of G, and the exponential moving average of G's weights. Each {@link StepOutput} belongs to one.
 */
public enum Update {
  D,
  G,
  EMA
}
