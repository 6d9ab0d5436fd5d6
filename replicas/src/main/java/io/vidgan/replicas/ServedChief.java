package io.vidgan.replicas;

import io.vidgan.replicas.devices.ClusterSpec;

/**
 * The one chief process a worker task's server can serve. A worker serves the first chief that
 * greets it ({@link ClusterMembership}) and refuses any other incarnation: its TF server caches
 * that chief's devices for the batch-norm collectives and would fail a new one's first step, so
 * the worker must restart with a fresh server instead. Once serving, it watches the chief: when
 * the chief's address stops accepting connections for {@link #GONE_PROBES} probes in a row (one
 * a second), the chief is gone and a restarted one will come, so the worker restarts at once to
 * meet it fresh instead of being refused by it later.
 *
 * <p>A worker that no chief greets is waiting either for a chief not yet up or for one whose run
 * has finished (it exited after telling the workers it served): both leave the chief's address
 * closed, so a worker cannot tell them apart and waits a bounded time ({@link #expectWithin}).
 */
final class ServedChief {
  static final int PROBE_MILLIS = 1_000;
  static final int GONE_PROBES = 3;

  private final ClusterSpec cluster;
  private final Runnable gone;
  private boolean serving;
  private long incarnation;

  /**
   * @param gone what to do when the served chief is gone (the worker restarts)
   */
  ServedChief(ClusterSpec cluster, Runnable gone) {
    this.cluster = cluster;
    this.gone = gone;
  }

  /**
   * Whether this worker serves the chief of {@code incarnation}: the first one to greet it, or
   * that one again. Starts watching the chief when it is first accepted.
   */
  synchronized boolean accepts(long incarnation) {
    if (!serving) {
      serve(incarnation);
    }
    return this.incarnation == incarnation;
  }

  /**
   * An assignment came: this worker serves the chief that sent it, even one whose greeting went
   * to this task's previous process (restarted in between), and so no chief that greets it later.
   */
  synchronized void assigned() {
    if (!serving) {
      serve(0);
    }
  }

  /**
   * Runs {@code none} unless a chief is served {@code seconds} from now (greeted or assigned
   * this worker); {@code none} runs holding this object's lock, so no chief is accepted after
   * it has started (it ends the process).
   */
  void expectWithin(double seconds, Runnable none) {
    Thread wait = new Thread(() -> {
      try {
        Thread.sleep((long) (seconds * 1000));
      } catch (InterruptedException e) {
        return;
      }
      unlessServing(none);
    }, "vidgan-chief-wait");
    wait.setDaemon(true);
    wait.start();
  }

  private synchronized void unlessServing(Runnable none) {
    if (!serving) {
      none.run();
    }
  }

  private void serve(long incarnation) {
    this.serving = true;
    this.incarnation = incarnation;
    Thread watch = new Thread(this::watch, "vidgan-chief-watch");
    watch.setDaemon(true);
    watch.start();
  }

  private void watch() {
    int failed = 0;
    while (failed < GONE_PROBES) {
      try {
        Thread.sleep(PROBE_MILLIS);
      } catch (InterruptedException e) {
        return;
      }
      failed = cluster.listening(0, PROBE_MILLIS) ? 0 : failed + 1;
    }
    gone.run();
  }
}
