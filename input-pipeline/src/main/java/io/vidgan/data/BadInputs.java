package io.vidgan.data;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;

/**
 * What a dataset does with bad inputs (truncated records, bad CRCs, undecodable or mixed-size
 * frames, videos shorter than a clip, empty folders, unsafe ZIP entries): fail with the {@link
 * DatasetException}, or, when skipping ({@code --skip-bad=true}), log it, count it and go on.
 * Garbage is never fed to training either way. Thread-safe.
 */
public final class BadInputs {
  /** How many problems are kept for the summary; all are counted and logged. */
  public static final int KEPT_PROBLEMS = 100;

  private static final Logger LOG = Logger.getLogger(BadInputs.class.getName());

  private final boolean skip;
  private final List<String> problems = new ArrayList<>();
  private final Set<String> seen = new HashSet<>();

  public BadInputs(boolean skip) {
    this.skip = skip;
  }

  /** Whether bad inputs are skipped (and counted) rather than fatal. */
  public boolean skipping() {
    return skip;
  }

  /**
   * Records {@code e} and returns when skipping; rethrows it otherwise.
   *
   * @throws DatasetException {@code e}, unless skipping
   */
  public void handle(DatasetException e) throws DatasetException {
    if (!skip) {
      throw e;
    }
    synchronized (this) {
      if (!seen.add(e.where())) {
        return;
      }
      if (problems.size() < KEPT_PROBLEMS) {
        problems.add(e.getMessage());
      }
    }
    LOG.warning("skipped bad input: " + e.getMessage());
  }

  /** Number of distinct bad inputs skipped so far. */
  public synchronized int count() {
    return seen.size();
  }

  /** The first {@link #KEPT_PROBLEMS} problems, each naming its input. */
  public synchronized List<String> problems() {
    return List.copyOf(problems);
  }
}
