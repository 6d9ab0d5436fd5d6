package io.vidgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Typed flag declarations: defaults stated once, shown by --help, and checked values. */
class FlagTest {
  static final Flag<Long> STEPS = Flag.longInteger("steps", "N", "iterations to train")
      .atLeast(1).withDefault(500L);
  static final Flag<Integer> QUALITY = Flag.integer("quality", "Q", "JPEG quality").atLeast(1)
      .atMost(100).withDefault(95);
  static final Flag<Double> TIMEOUT = Flag.number("timeout", "SECONDS", "how long to wait")
      .require(s -> s > 0, "must be > 0").withDefault(300.0);
  static final Flag<Double> SIGMA = Flag.number("sigma", "X", "noise scale").withDefault(0.5);
  static final Flag<String> STAGE = Flag.choice("stage", "lres|sres", "stage to train", "lres",
      "sres").withDefault("lres");
  /** Stands for an enum-valued setting such as a number format. */
  enum Format { FP32, BF16 }

  static final Flag<Format> FORMAT = Flag.oneOf("format", "number format", Format.class)
      .withDefault(Format.FP32);
  static final Flag<Boolean> SKIP_BAD = Flag.toggle("skip-bad", "skip bad videos");
  static final Flag<String> OUT = Flag.text("out", "DIR", "run directory");
  static final Flag<String> UNDECLARED = Flag.text("nope", "X", "not declared");

  /** A command that records what it read. */
  private static final class Probe extends Command {
    final List<Object> read = new ArrayList<>();
    final List<Flag<?>> toRead;

    Probe(Flag<?>... toRead) {
      this.toRead = List.of(toRead);
    }

    @Override
    protected String name() {
      return "probe";
    }

    @Override
    protected String summary() {
      return "reads flags";
    }

    @Override
    protected void declare(FlagSet flags) {
      flags.add(STEPS, QUALITY, TIMEOUT, SIGMA, STAGE, FORMAT, SKIP_BAD, OUT);
    }

    @Override
    protected void run(Flags flags) {
      for (Flag<?> f : toRead) {
        read.add(flags.get(f));
      }
    }
  }

  /** Exit code, stdout and stderr of one run. */
  private record Run(int exit, String out, String err) {}

  private static Run run(Command command, String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream o = new ByteArrayOutputStream();
    ByteArrayOutputStream e = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(o, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(e, true, StandardCharsets.UTF_8));
      int exit = command.execute(args);
      return new Run(exit, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void helpShowsEachTypedDefaultOnce() {
    Run help = run(new Probe(), "--help");
    assertEquals(0, help.exit());
    String text = help.out().replaceAll("\\s+", " ");
    for (String shown : List.of("iterations to train (default: 500)",
        "JPEG quality (default: 95)", "how long to wait (default: 300)",
        "noise scale (default: 0.5)", "stage to train (default: lres)",
        "skip bad videos (default: false)",
        "--format <fp32|bf16> number format (default: fp32)")) {
      assertTrue(text.contains(shown), shown + " in " + text);
    }
    assertTrue(text.contains("run directory") && !text.contains("run directory (default"), text);
  }

  @Test
  void valuesAreTheGivenOnesOrTheDefaults() {
    Probe absent = new Probe(STEPS, QUALITY, TIMEOUT, STAGE, SKIP_BAD);
    assertEquals(0, run(absent).exit());
    assertEquals(List.of(500L, 95, 300.0, "lres", false), absent.read);
    Probe given = new Probe(STEPS, QUALITY, TIMEOUT, STAGE, SKIP_BAD, OUT);
    assertEquals(0, run(given, "--steps=1_000", "--quality=100", "--timeout=2.5", "--stage=SRES",
        "--skip-bad", "--out=x").exit());
    assertEquals(List.of(1000L, 100, 2.5, "sres", true, "x"), given.read);
    Probe format = new Probe(FORMAT);
    assertEquals(0, run(format, "--format=BF16").exit());
    assertEquals(List.of(Format.BF16), format.read);
    Probe off = new Probe(SKIP_BAD);
    assertEquals(0, run(off, "--skip-bad=false").exit());
    assertEquals(List.of(false), off.read);
  }

  @Test
  void badValuesAreUsageErrorsNamingTheFlag() {
    String[][] cases = {
        {"--steps=0", "probe: --steps must be at least 1, got 0"},
        {"--steps=ten", "probe: --steps must be an integer, got 'ten'"},
        {"--steps=99999999999999999999", "probe: --steps is out of range: 99999999999999999999"},
        {"--quality=101", "probe: --quality must be at most 100, got 101"},
        {"--timeout=0", "probe: --timeout must be > 0, got 0.0"},
        {"--timeout=inf", "probe: --timeout must be a number, got 'inf'"},
        {"--stage=xres", "probe: --stage must be one of lres|sres, got 'xres'"},
        {"--skip-bad=maybe", "probe: --skip-bad must be true or false, got 'maybe'"},
        {"--format=fp8", "probe: --format must be one of fp32|bf16, got 'fp8'"},
    };
    for (String[] c : cases) {
      Flag<?> flag = c[0].startsWith("--steps") ? STEPS : c[0].startsWith("--quality") ? QUALITY
          : c[0].startsWith("--timeout") ? TIMEOUT : c[0].startsWith("--stage") ? STAGE
          : c[0].startsWith("--format") ? FORMAT : SKIP_BAD;
      Run r = run(new Probe(flag), c[0]);
      assertEquals(2, r.exit(), c[0]);
      assertTrue(r.err().startsWith(c[1]), c[0] + ": " + r.err());
    }
  }

  @Test
  void aFlagWithoutDefaultIsRequiredWhenRead() {
    Run r = run(new Probe(OUT));
    assertEquals(2, r.exit());
    assertTrue(r.err().startsWith("probe: missing required flag --out"), r.err());
  }

  @Test
  void readingAnUndeclaredFlagOrDeclaringOneTwiceIsAProgrammingError() {
    Run r = run(new Probe(UNDECLARED));
    assertEquals(1, r.exit());
    assertTrue(r.err().contains("--nope is not a flag of this command"), r.err());
    assertThrows(IllegalArgumentException.class, () -> new FlagSet().add(OUT, OUT));
    assertThrows(IllegalStateException.class, () -> SIGMA.atLeast(0));
  }
}
