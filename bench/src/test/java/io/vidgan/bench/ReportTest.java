package io.vidgan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ReportTest {
  @Test
  void tableShowsValueTargetVerdictAndDetail() {
    Report r = new Report("CPU X, 2 cores", Map.of("cores", 2));
    r.add(new Figure("replicas", "lres D step", 1.234, "x", Target.atMost(1.10), "12 vs 10 ms"));
    r.add(new Figure("training", "lres data wait", 0.021, "%", Target.atMost(0.05), null));
    r.add(Figure.of("i3d", "clips", 4.137, "clips/s", ""));
    r.section("Profile", "| a |\n|---|\n| b |");
    String md = r.markdown();
    assertTrue(md.startsWith("Measured on CPU X, 2 cores.\n\n| measurement |"), md);
    assertTrue(md.contains("| replicas | lres D step | 1.23x | <= 1.10x | no | 12 vs 10 ms |"),
        md);
    assertTrue(md.contains("| training | lres data wait | 2.1% | <= 5.0% | yes |  |"), md);
    assertTrue(md.contains("| i3d | clips | 4.14 clips/s |  |  |  |"), md);
    assertTrue(md.endsWith("\n**Profile**\n\n| a |\n|---|\n| b |\n"), md);
  }

  @Test
  void jsonHoldsFiguresTargetsAndRawSeries() {
    Report r = new Report("", Map.of("cores", 2));
    r.add(new Figure("efficiency", "lres", 0.7, "%", Target.atLeast(0.6), "x"));
    r.raw("efficiency", "seconds", new double[] {0.5, 0.25});
    String json = r.json();
    assertTrue(json.contains("\"value\": 0.7"), json);
    assertTrue(json.contains("\"at_most\": false"), json);
    assertTrue(json.contains("\"bound\": 0.6"), json);
    assertTrue(json.contains("\"met\": true"), json);
    assertTrue(json.replaceAll("\\s", "").contains("\"seconds\":[0.5,0.25]"), json);
  }

  @Test
  void formatsLargeAndSmallValues() {
    assertEquals("1,637 frames/s", Figure.format(1637.2, "frames/s"));
    assertEquals("86.3 GFLOP/s", Figure.format(86.31, "GFLOP/s"));
    assertEquals("n/a", Figure.format(Double.NaN, "x"));
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertEquals(2.0, Timing.median(new double[] {3, 1, 2}));
    assertEquals(2.5, Timing.median(new double[] {4, 1, 3, 2}));
  }
}
