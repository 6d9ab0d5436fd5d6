package io.vidgan.metrics;

import io.vidgan.cli.Command;
import io.vidgan.cli.Flag;
import io.vidgan.cli.FlagSet;
import io.vidgan.cli.Flags;
import io.vidgan.cli.UsageException;
import io.vidgan.data.VideoDataset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * {@code bin/eval-psd}: the power-spectrum comparison of generated and real videos that HVG
 * (App. D) and SSW-GAN (App. E) use to show whether generations blur over time: the radially
 * averaged PSD at chosen frames, averaged over sets of videos, mean and spread across sets
 * ({@link PsdComparison}), as a table, a JSON file and a PNG plot. Real clips are read at the
 * generated frame rate, as in {@code eval-fvd}.
 *
 * @see <a href="https://arxiv.org/abs/2106.02719">Castrejon et al., 2021, Hierarchical Video
 *     Generation for Complex Data</a>, App. D (1800 videos, 3 sets, frames 1, 10, 24, 48)
 */
public final class EvalPsd extends Command {
  private static final Flag<String> FRAMES = Flag.text("frames", "LIST", "1-based frames to "
      + "measure").withDefault("1,10,24,48");
  private static final Flag<Integer> VIDEOS = Flag.integer("videos", "N", "videos per side, "
      + "split into --sets sets").atLeast(1).withDefault(1800);
  private static final Flag<Integer> SETS = Flag.integer("sets", "K", "sets the videos are split "
      + "into; the plot shows mean and std across them").atLeast(1).withDefault(3);
  private static final Flag<Integer> BATCH = Flag.integer("batch", "N", "videos generated "
      + "together").atLeast(1).withDefault(16);
  private static final Flag<String> OUT = Flag.text("out", "FILE", "write the curves as JSON");
  private static final Flag<String> PLOT = Flag.text("plot", "FILE", "write the plot as PNG");

  public static void main(String[] args) {
    Command.main(new EvalPsd(), args);
  }

  @Override
  protected String name() {
    return "eval-psd";
  }

  @Override
  protected String summary() {
    return "Compares the power spectra of generated and real video frames (HVG App. D,"
        + " SSW-GAN App. E): a table, JSON and a PNG plot.";
  }

  @Override
  protected void declare(FlagSet flags) {
    SourceFlags.declare(flags);
    flags.add(FRAMES, VIDEOS, SETS, BATCH, OUT, PLOT);
  }

  @Override
  protected void run(Flags flags) throws Exception {
    Optional<Path> out = flags.has(OUT) ? Optional.of(flags.outputFile(OUT)) : Optional.empty();
    Optional<Path> plot = flags.has(PLOT) ? Optional.of(flags.outputFile(PLOT))
        : Optional.empty();
    int[] frames = frames(flags.get(FRAMES));
    int sets = flags.get(SETS);
    int videos = flags.get(VIDEOS);
    if (videos % sets != 0) {
      throw new UsageException("--videos (" + videos + ") must be a multiple of --sets (" + sets
          + ")");
    }
    ClipSampling clip = new ClipSampling(Arrays.stream(frames).max().orElseThrow(), 1);
    int[] indices = Arrays.stream(frames).map(f -> f - 1).toArray();
    long seed = flags.get(SourceFlags.SEED);
    PsdComparison.Curves real;
    PsdComparison.Curves fake;
    try (GeneratedSource generated = GeneratedSource.open(flags);
        VideoDataset data = SourceFlags.open(flags, SourceFlags.DATA);
        ClipSource realClips = DatasetClips.randomOffsets(data, generated.realClips(clip), videos,
            seed);
        ClipSource fakeClips = generated.clips(clip, FvdProtocol.Generated.FROM_START, videos,
            flags.get(BATCH), seed, -1)) {
      if (!realClips.resolution().equals(fakeClips.resolution())) {
        throw new UsageException("--data frames are " + realClips.resolution() + ", generated"
            + " ones " + fakeClips.resolution() + ": spectra compare frames of one size; prepare"
            + " the real data at the generated size (bin/prepare-dataset --height --width)");
      }
      real = PsdComparison.measure(realClips, indices, sets, videos / sets);
      fake = PsdComparison.measure(fakeClips, indices, sets, videos / sets);
    }
    System.out.print(table(frames, real, fake));
    if (out.isPresent()) {
      String json = Json.write(Json.object("frames", Arrays.stream(frames).boxed().toList(),
          "paper", "Castrejon et al., 2021, HVG App. D; SSW-GAN App. E", "sets", sets, "videos", videos,
          "real", curves(real), "generated", curves(fake)));
      AtomicFile.write(out.get(), s -> s.write(json.getBytes(StandardCharsets.UTF_8)));
    }
    if (plot.isPresent()) {
      byte[] png = PsdPlot.png(frames, real, fake);
      AtomicFile.write(plot.get(), s -> s.write(png));
    }
  }

  private static int[] frames(String list) {
    try {
      int[] frames = Arrays.stream(list.split(",")).map(String::strip)
          .mapToInt(Integer::parseInt).toArray();
      if (frames.length == 0 || Arrays.stream(frames).anyMatch(f -> f < 1)) {
        throw new NumberFormatException();
      }
      return frames;
    } catch (NumberFormatException e) {
      throw new UsageException("--frames must be a comma-separated list of frame numbers >= 1,"
          + " got '" + list + "'");
    }
  }

  private static Map<String, Object> curves(PsdComparison.Curves c) {
    List<Object> mean = new ArrayList<>();
    List<Object> std = new ArrayList<>();
    for (int f = 0; f < c.mean().length; f++) {
      mean.add(Arrays.stream(c.mean()[f]).boxed().toList());
      std.add(Arrays.stream(c.std()[f]).boxed().toList());
    }
    return Json.object("log10_psd_mean", mean, "log10_psd_std", std, "videos", c.videos());
  }

  /**
   * Per frame: mean log10 PSD of the real and generated videos in the lowest and highest quarter
   * of spatial frequencies (radius 0, the removed mean, excluded); a generated high band well
   * below the real one is blur.
   */
  static String table(int[] frames, PsdComparison.Curves real, PsdComparison.Curves fake) {
    StringBuilder sb = new StringBuilder(
        "frame | real low | generated low | real high | generated high | high difference\n");
    for (int f = 0; f < frames.length; f++) {
      double[] r = bands(real.mean()[f]);
      double[] g = bands(fake.mean()[f]);
      sb.append(String.format(Locale.ROOT, "%5d | %8.3f | %13.3f | %9.3f | %14.3f | %+.3f%n",
          frames[f], r[0], g[0], r[1], g[1], g[1] - r[1]));
    }
    return sb.toString();
  }

  /** Mean of the lowest and of the highest quarter of radii 1..max. */
  static double[] bands(double[] curve) {
    int n = curve.length - 1;
    int quarter = Math.max(1, n / 4);
    double low = Arrays.stream(curve, 1, 1 + quarter).average().orElse(Double.NaN);
    double high = Arrays.stream(curve, curve.length - quarter, curve.length).average()
        .orElse(Double.NaN);
    return new double[] {low, high};
  }
}
