package io.vidgan.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
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

  /**
   * Writes the count and the kept problems to {@code file} (replaced atomically) when anything
   * was skipped; does nothing otherwise.
   */
  public void writeTo(Path file) throws IOException {
    List<String> kept;
    int count;
    synchronized (this) {
      kept = List.copyOf(problems);
      count = seen.size();
    }
    if (count == 0) {
      return;
    }
    StringBuilder text = new StringBuilder("skipped " + count + " bad inputs");
    text.append(count > kept.size() ? " (the first " + kept.size() + " listed)\n" : "\n");
    kept.forEach(p -> text.append(p).append('\n'));
    Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), file.getFileName()
        .toString(), ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The first {@link #KEPT_PROBLEMS} problems, each naming its input. */
  public synchronized List<String> problems() {
    return List.copyOf(problems);
  }
}
