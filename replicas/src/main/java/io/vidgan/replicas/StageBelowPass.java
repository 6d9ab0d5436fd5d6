package io.vidgan.replicas;

import org.tensorflow.Operation;
import org.tensorflow.Session;
import org.tensorflow.types.TInt64;

/**
 * What {@link StageBelowProducer} runs to fill a training graph's stage-below queues ({@link
 * StageBelowQueues}): the contract between the graph that holds the queues and the thread that
 * fills them.
 */
interface StageBelowPass {
  /** Makes and queues one run's samples in {@code session}, from the run's {@code (seed, run)}. */
  void make(Session session, TInt64 draws);

  /** The target that closes the queues {@link #make} fills, cancelling pending enqueues. */
  Operation close();
}
