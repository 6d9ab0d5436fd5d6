package io.vidgan.replicas;

import java.util.Optional;
import org.tensorflow.Session;
import org.tensorflow.types.TInt64;

/**
 * Fills a training graph's stage-below queues ({@link StageBelowQueues}) ahead of the step, on a
 * thread of its own running in the training session concurrently with the steps, so a step
 * dequeues samples made while the previous one trained instead of waiting for the stage below.
 *
 * <p>Determinism: the producer feeds {@code (seed, run)} for runs {@code firstRun, firstRun + 1,
 * ...}, the index the trainer gives its runs ({@link Trainer}); a run resumed from the checkpoint
 * of step {@code s} starts it at the first run of step {@code s + 1}, so every run sees the
 * samples an uninterrupted run saw, and the step checks the index it dequeued ({@link
 * StepRunner}).
 *
 * <p>Stopping: {@link #close} closes the queues with {@code cancel_pending_enqueues}, which ends
 * an enqueue blocked on a full queue, then waits for the thread; call it before the session
 * closes (TF Java's close waits for running calls). A failure of the producer (an exception, or
 * a JVM error such as running out of memory in its thread) closes the queues too, so a step
 * waiting on one fails instead of hanging, and {@link #explain} names the producer's error as the
 * run's. The thread is a daemon: it never keeps the JVM alive.
 */
public final class StageBelowProducer implements AutoCloseable {
  private final Session session;
  private final StageBelowPass pass;
  private final Thread thread;
  private volatile boolean stopping;
  private volatile Throwable failure;
  private boolean closed;

  /**
   * Starts producing the samples of runs {@code firstRun, firstRun + 1, ...} of a run seeded
   * {@code seed}; the graph's variables must hold their values already (restored or initialised).
   */
  StageBelowProducer(Session session, StageBelowPass pass, long seed, long firstRun) {
    this.session = session;
    this.pass = pass;
    this.thread = new Thread(() -> produce(seed, firstRun), "stage-below-producer");
    thread.setDaemon(true);
    thread.start();
  }

  /** The producer of {@code graph}'s queues, or empty when it has none. */
  public static Optional<StageBelowProducer> start(TrainingGraph graph, Session session,
      long seed, long firstRun) {
    return graph.belowQueues().producer().map(p -> new StageBelowProducer(session, p, seed,
        firstRun));
  }

  private void produce(long seed, long firstRun) {
    try {
      for (long run = firstRun; !stopping; run++) {
        try (TInt64 s = TInt64.vectorOf(seed, run)) {
          pass.make(session, s);
        }
      }
    } catch (RuntimeException | Error e) {
      if (!stopping) {
        failure = e;
        try {
          closeQueues();
        } catch (RuntimeException c) {
          e.addSuppressed(c);
        }
      }
    }
  }

  /** Closes the queues once; a pending enqueue is cancelled, a waiting dequeue fails. */
  private synchronized void closeQueues() {
    if (!closed) {
      closed = true;
      session.runner().addTarget(pass.close()).run();
    }
  }

  /**
   * The error to report for a run that failed with {@code stepFailure}: the producer's, if it
   * failed (a step then fails on its closed queue), else {@code stepFailure}.
   */
  RuntimeException explain(RuntimeException stepFailure) {
    Throwable f = failure;
    if (f == null) {
      return stepFailure;
    }
    IllegalStateException e = new IllegalStateException("the producer of the stage-below "
        + "samples failed: " + f.getMessage(), f);
    e.addSuppressed(stepFailure);
    return e;
  }

  /**
   * Stops the producer: closes the queues and waits for its thread, which the close has freed
   * (if the close itself fails, the daemon thread is left behind rather than waited for).
   */
  @Override
  public void close() {
    stopping = true;
    closeQueues();
    try {
      thread.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
