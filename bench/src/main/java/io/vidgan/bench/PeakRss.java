package io.vidgan.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Peak resident memory of a command run as its own process: {@code /usr/bin/time -v}'s "Maximum
 * resident set size", everything the process held at its peak (JVM, TensorFlow's buffers).
 */
final class PeakRss {
  private static final Pattern MAX_RSS =
      Pattern.compile("Maximum resident set size \\(kbytes\\): (\\d+)");
  private static final String TIME_COMMAND = "/usr/bin/time";
  /**
   * JVM options of processes whose peak RSS is compared between runs: a bounded heap with the
   * serial collector, because with the default heap the JVM's share of RSS (its heap grown as GC
   * ergonomics decide) moved by 100-200 MB between identical training runs, more than the
   * differences measured. JavaCPP (under TF Java) refuses to allocate once the process's RSS
   * passes a multiple of the heap bound, so that check is off: TensorFlow's buffers are what is
   * measured.
   */
  static final List<String> STEADY_JVM = List.of("-Xmx768m", "-XX:+UseSerialGC",
      "-Dorg.bytedeco.javacpp.maxPhysicalBytes=0", "-Dorg.bytedeco.javacpp.maxBytes=0");

  /** A finished command: its peak RSS and its combined output. */
  record Run(double kilobytes, String output) {}

  private PeakRss() {}

  /** @throws IllegalStateException if {@code /usr/bin/time} is missing */
  static void check() {
    if (!Files.isExecutable(Path.of(TIME_COMMAND))) {
      throw new IllegalStateException(TIME_COMMAND + " is needed for peak RSS (apt-get install "
          + "time)");
    }
  }

  /** Runs {@code command} under {@code /usr/bin/time -v}, output to {@code logFile}. */
  static Run of(List<String> command, Path logFile) throws Exception {
    return of(command, logFile, Map.of());
  }

  /** The same with {@code env} added to the command's environment. */
  static Run of(List<String> command, Path logFile, Map<String, String> env) throws Exception {
    List<String> timed = new ArrayList<>(List.of(TIME_COMMAND, "-v"));
    timed.addAll(command);
    String log = Subprocess.run(timed, logFile, env);
    Matcher m = MAX_RSS.matcher(log);
    if (!m.find()) {
      throw new IllegalStateException("no peak RSS in the output of " + TIME_COMMAND + " in "
          + logFile);
    }
    return new Run(Double.parseDouble(m.group(1)), log);
  }
}
