package io.vidgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.vidgan.savedmodel.Generate;
import io.vidgan.savedmodel.TinyChain;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/eval-fvd}: usage errors name the flag; a tiny run with random weights and cache. */
class EvalFvdTest {
  private static final String TINY = "builtin:videos=3,frames=16,height=16,width=16";

  @TempDir Path dir;

  /** Runs the command; returns exit code and stderr. */
  private static Object[] run(String... args) {
    PrintStream saved = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    try {
      int code = new EvalFvd().execute(args);
      return new Object[] {code, err.toString(StandardCharsets.UTF_8)};
    } finally {
      System.setErr(saved);
    }
  }

  private static void assertUsageError(String expected, String... args) {
    Object[] r = run(args);
    assertEquals(2, r[0], (String) r[1]);
    assertTrue(((String) r[1]).contains(expected), (String) r[1]);
  }

  @Test
  void usageErrorsNameTheFlag() {
    assertUsageError("--model: " + dir.resolve("x") + " does not exist",
        "--model=" + dir.resolve("x"), "--i3d=random:1");
    assertUsageError("give exactly one of --model=DIR", "--i3d=random:1");
    assertUsageError("give exactly one of --model=DIR", "--model=" + dir, "--fake=builtin",
        "--i3d=random:1");
    assertUsageError("--i3d is required. I3D weights cannot be downloaded", "--fake=builtin");
    assertUsageError("--i3d: '" + dir + "' is not I3D weights", "--fake=builtin",
        "--i3d=" + dir);
    assertUsageError("--protocol: unknown FVD protocol 'fvd16'", "--fake=builtin",
        "--i3d=random:1", "--protocol=fvd16");
    assertUsageError("--metrics: unknown metric 'kid'", "--fake=builtin", "--i3d=random:1",
        "--metrics=fvd,kid");
    assertUsageError("--fake: " + dir.resolve("none") + ": does not exist",
        "--fake=" + dir.resolve("none"), "--i3d=random:1");
  }

  @Test
  void sameVideosOnBothSidesGiveZeroAndRealStatisticsAreCached() throws IOException {
    // 16-frame videos leave one possible offset, so both sides see the same clips.
    Path out = dir.resolve("metrics.json");
    String[] args = {"--data=" + TINY, "--fake=" + TINY, "--i3d=random:3", "--num-videos=3",
        "--batch=2", "--metrics=fvd,is,fid", "--cache=" + dir.resolve("cache"), "--out=" + out};
    Object[] first = run(args);
    assertEquals(0, first[0], (String) first[1]);
    String json = Files.readString(out);
    assertEquals(0, number(json, "fvd"), 1e-3);
    assertEquals(0, number(json, "fid"), 1e-3);
    assertTrue(json.contains("\"comparable\": false"), json);
    assertTrue(json.contains("\"statistics_from_cache\": false"), json);
    assertTrue(json.contains("\"kind\": \"random\""), json);
    Object[] second = run(args);
    assertEquals(0, second[0], (String) second[1]);
    String cached = Files.readString(out);
    assertTrue(cached.contains("\"statistics_from_cache\": true"), cached);
    assertEquals(number(json, "fvd"), number(cached, "fvd"), 0);
  }

  /**
   * {@code --model} generates the same clips {@code bin/generate} writes for the same seed (16
   * frames: twice the tiny chain's trained length, so the chain is unrolled), quantised the same
   * way: the model against its own saved videos scores zero.
   */
  @Test
  void modelScoresZeroAgainstItsOwnSavedVideos() throws IOException {
    Path model = TinyChain.get().model;
    Path videos = dir.resolve("videos");
    assertEquals(0, new Generate().execute(new String[] {"--model=" + model,
        "--frames=16", "--count=3", "--format=png", "--seed=5", "--out=" + videos}));
    Path out = dir.resolve("metrics.json");
    Object[] r = run("--data=" + videos, "--model=" + model, "--seed=5", "--i3d=random:3",
        "--num-videos=3", "--batch=2", "--metrics=fvd,fid", "--cache=none", "--out=" + out);
    assertEquals(0, r[0], (String) r[1]);
    String json = Files.readString(out);
    assertEquals(0, number(json, "fvd"), 1e-3);
    assertEquals(0, number(json, "fid"), 1e-3);
    Object[] other = run("--data=" + videos, "--model=" + model, "--seed=6", "--i3d=random:3",
        "--num-videos=3", "--batch=2", "--cache=none", "--out=" + out);
    assertEquals(0, other[0], (String) other[1]);
    assertTrue(number(Files.readString(out), "fvd") > 1e-2, "other noise, other videos");
  }

  /**
   * Real clips follow the generated frame rate: data at half the model's rate is an error naming
   * both rates; videos on disk declared at stride 2 make real clips read every 2nd frame.
   */
  @Test
  void realClipsAreReadAtTheGeneratedFrameRateOrTheRunStops() throws IOException {
    Path model = TinyChain.get().model;
    assertUsageError("--data-stride: the generated videos have frame stride 1 and the real data"
        + " frame stride 2", "--data=" + TINY, "--model=" + model, "--i3d=random:3",
        "--data-stride=2", "--num-videos=3", "--cache=none");
    Path out = dir.resolve("stride.json");
    Object[] r = run("--data=builtin:videos=3,frames=40,height=16,width=16", "--fake=" + TINY,
        "--fake-stride=2", "--i3d=random:3", "--num-videos=3", "--batch=3", "--cache=none",
        "--out=" + out);
    assertEquals(0, r[0], (String) r[1]);
    String json = Files.readString(out);
    assertEquals(2, number(json, "real_stride"), 0);
    assertTrue(json.contains("every 2-th frame of the data"), json);
  }

  /** K runs: K generated sets against real statistics embedded once; truncation in the card. */
  @Test
  void runsReportMeanAndSpreadAndTruncationChangesTheVideos() throws IOException {
    Path model = TinyChain.get().model;
    Path out = dir.resolve("runs.json");
    String[] common = {"--data=" + TINY, "--model=" + model, "--i3d=random:3", "--num-videos=3",
        "--batch=3", "--cache=none", "--out=" + out};
    Object[] r = run(concat(common, "--runs=2", "--truncation=0.5"));
    assertEquals(0, r[0], (String) r[1]);
    String json = Files.readString(out);
    assertTrue(json.contains("\"over\": \"runs\"") && json.contains("\"count\": 2"), json);
    assertTrue(json.contains("\"statistics_from_cache\": true"), "real embedded once: " + json);
    assertEquals(0.5, number(json, "truncation"), 0);
    Matcher fvds = Pattern.compile("\"fvd\": ([-0-9.Ee]+)").matcher(json);
    double[] each = {fvds.find() ? Double.parseDouble(fvds.group(1)) : -1,
        fvds.find() ? Double.parseDouble(fvds.group(1)) : -1};
    assertTrue(each[0] > 0 && each[1] > 0 && each[0] != each[1], json);
    assertEquals((each[0] + each[1]) / 2, number(json, "mean"), 1e-9 * each[0]);
    Object[] untruncated = run(concat(common, "--seed=0"));
    assertEquals(0, untruncated[0], (String) untruncated[1]);
    assertTrue(number(Files.readString(out), "fvd") != each[0], "sigma 1 draws other videos");
  }

  @Test
  void perClassGivesOneFigurePerClassAndTheirMean() throws IOException {
    Path model = TinyChain.get().model;
    Path out = dir.resolve("classes.json");
    Object[] r = run("--data=builtin:videos=24,frames=16,height=16,width=16", "--model=" + model,
        "--per-class", "--i3d=random:3", "--num-videos=2", "--batch=2", "--cache=none",
        "--out=" + out);
    assertEquals(0, r[0], (String) r[1]);
    String json = Files.readString(out);
    assertTrue(json.contains("\"over\": \"classes\"") && json.contains("\"count\": 4"), json);
    for (int c = 0; c < 4; c++) {
      assertTrue(json.contains("of class " + c + " at a random offset")
          && json.contains("class " + c + ", from t=0"), "class " + c + ": " + json);
    }
  }

  @Test
  void aPaperProtocolRefusesVideosOfAnotherResolution() throws IOException {
    assertUsageError("--protocol=dvdgan_12f_64px evaluates 64x64 videos; the generated ones are"
        + " 16x16", "--data=" + TINY, "--model=" + TinyChain.get().model, "--i3d=random:3",
        "--protocol=dvdgan_12f_64px", "--num-videos=3", "--cache=none");
  }

  private static String[] concat(String[] a, String... b) {
    String[] all = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static double number(String json, String key) {
    Matcher m = Pattern.compile("\"" + key + "\": ([-0-9.Ee]+)").matcher(json);
    assertTrue(m.find(), key + " missing in " + json);
    return Double.parseDouble(m.group(1));
  }
}
