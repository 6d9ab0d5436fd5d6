package io.vidgan.cli;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A one-line progress bar on stderr: done/total, rate and ETA, redrawn at most every 200 ms (and
 * once per line when stderr is not a terminal, every 10%).
 */
public final class ProgressBar implements AutoCloseable {
  private static final long REDRAW_NANOS = 200_000_000L;

  private final PrintStream out;
  private final String label;
  private final String unit;
  private final long total;
  private final long start = System.nanoTime();
  private final boolean terminal = System.console() != null;
  private long done;
  private long lastDraw;
  private long lastDecile = -1;

  public ProgressBar(String label, long total, String unit) {
    this(System.err, label, total, unit);
  }

  ProgressBar(PrintStream out, String label, long total, String unit) {
    this.out = out;
    this.label = label;
    this.total = total;
    this.unit = unit;
  }

  /** Adds {@code n} finished items. */
  public synchronized void step(long n) {
    done += n;
    long now = System.nanoTime();
    long decile = total > 0 ? done * 10 / total : -1;
    if (terminal ? now - lastDraw >= REDRAW_NANOS || done == total : decile != lastDecile) {
      lastDraw = now;
      lastDecile = decile;
      out.print(line(now) + (terminal ? "\r" : "\n"));
      out.flush();
    }
  }

  synchronized String line(long now) {
    double seconds = Math.max(1e-9, (now - start) / 1e9);
    double rate = done / seconds;
    StringBuilder sb = new StringBuilder(label).append(' ');
    if (total > 0) {
      int width = 30;
      int filled = (int) Math.min(width, done * width / total);
      sb.append('[').append("#".repeat(filled)).append(" ".repeat(width - filled)).append("] ");
      sb.append(done).append('/').append(total);
      double eta = rate > 0 ? (total - done) / rate : Double.NaN;
      sb.append(String.format(Locale.ROOT, " %.1f %s/s, ETA %s", rate, unit, duration(eta)));
    } else {
      sb.append(done).append(' ').append(unit)
          .append(String.format(Locale.ROOT, " (%.1f/s)", rate));
    }
    return sb.toString();
  }

  /** {@code h:mm:ss}, or {@code ?} when unknown. */
  public static String duration(double seconds) {
    if (!Double.isFinite(seconds)) {
      return "?";
    }
    long s = Math.round(seconds);
    return String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, (s / 60) % 60, s % 60);
  }

  @Override
  public synchronized void close() {
    if (terminal) {
      out.println(line(System.nanoTime()));
    }
  }
}
