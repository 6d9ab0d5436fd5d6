package io.vidgan.data;

import io.vidgan.cli.Command;
import io.vidgan.cli.Flag;
import io.vidgan.cli.FlagSet;
import io.vidgan.cli.Flags;
import io.vidgan.cli.ProgressBar;
import io.vidgan.cli.UsageException;
import io.vidgan.data.io.ImageCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * {@code bin/prepare-dataset}: converts video files, frame folders, ZIP shards, TFRecords or the
 * built-in dataset into TFRecord shards ({@link TfRecordConversion}), with a progress bar and a
 * summary of videos, frames and skipped inputs.
 *
 * <pre>
 * bin/prepare-dataset --source=videos/ --out=datasets/mine --height=128 --width=128 --fps=25
 * bin/prepare-dataset --builtin --out=datasets/builtin
 * </pre>
 */
public final class PrepareDataset extends Command {
  private static final int PROBLEMS_SHOWN = 10;

  private static final Flag<String> SOURCE = Flag.text("source", "SPEC", "what to convert: a "
      + "directory, a file, comma-separated files, or "
      + "builtin[:videos=N,seed=S,height=H,width=W,frames=T]");
  private static final Flag<Boolean> BUILTIN = Flag.toggle("builtin", "convert the built-in "
      + "dataset (same as --source=builtin)");
  private static final Flag<String> OUT = Flag.text("out", "DIR", "output directory; must hold no "
      + "TFRecords yet");
  private static final Flag<Integer> HEIGHT = Flag.integer("height", "H", "resize frames to cover "
      + "HxW (shorter side, antialiased bilinear) and centre-crop; 0 keeps each video's size")
      .atLeast(0).withDefault(0);
  private static final Flag<Integer> WIDTH = Flag.integer("width", "W", "see --height").atLeast(0)
      .withDefault(0);
  private static final Flag<Double> FPS = Flag.number("fps", "F", "resample video files to F "
      + "frames per second; 0 keeps every frame").require(f -> f >= 0, "must be >= 0")
      .withDefault(0.0);
  private static final Flag<Integer> SHARDS = Flag.integer("shards", "N",
      "number of TFRecord shards").atLeast(1).withDefault(16);
  private static final Flag<Integer> THREADS = Flag.integer("threads", "N", "shards converted in "
      + "parallel; 0 means one per core").atLeast(0).withDefault(0);
  private static final Flag<String> FORMAT = Flag.choice("format", "png|jpeg", "frame encoding",
      "png", "jpeg", "jpg").withDefault("jpeg");
  private static final Flag<Integer> QUALITY = Flag.integer("quality", "Q",
      "JPEG quality, 1 to 100").atLeast(1).atMost(100).withDefault(95);
  private static final Flag<Boolean> SKIP_BAD = Flag.toggle("skip-bad", "skip bad videos and count "
      + "them instead of stopping");

  public static void main(String[] args) {
    Command.main(new PrepareDataset(), args);
  }

  @Override
  protected String name() {
    return "prepare-dataset";
  }

  @Override
  protected String summary() {
    return "Converts videos (video files, frame folders, ZIP shards, TFRecords) or the built-in "
        + "dataset into TFRecord shards of tf.train.SequenceExample.";
  }

  @Override
  protected void declare(FlagSet flags) {
    flags.add(SOURCE, BUILTIN, OUT, HEIGHT, WIDTH, FPS, SHARDS, THREADS, FORMAT, QUALITY,
        SKIP_BAD);
  }

  @Override
  protected void run(Flags flags) throws Exception {
    String spec = source(flags);
    Path out = flags.outputDirectory(OUT);
    checkOutput(out);
    int height = flags.get(HEIGHT);
    int width = flags.get(WIDTH);
    if ((height == 0) != (width == 0)) {
      throw new UsageException("--height and --width go together, got --height=" + height
          + " --width=" + width);
    }
    int quality = flags.get(QUALITY);
    int threads = flags.get(THREADS);
    TfRecordConversion.Settings settings = new TfRecordConversion.Settings(out,
        flags.get(SHARDS), threads == 0 ? Runtime.getRuntime().availableProcessors() : threads,
        height, width, ImageCodec.Format.parse(flags.get(FORMAT)), quality / 100f);
    try (VideoDataset dataset = open(spec, flags)) {
      System.out.println("converting " + dataset.description() + " to " + out);
      TfRecordConversion.Summary summary;
      try (ProgressBar bar = new ProgressBar("videos", dataset.size(), "videos")) {
        summary = TfRecordConversion.run(dataset, settings, bar::step);
      }
      report(summary, out);
    }
  }

  private static String source(Flags flags) {
    boolean builtin = flags.get(BUILTIN);
    if (builtin && flags.has(SOURCE)) {
      throw new UsageException("give --source or --builtin, not both");
    }
    if (builtin) {
      return Datasets.BUILTIN;
    }
    String spec = flags.find(SOURCE).orElseThrow(() -> new UsageException(
        "missing --source (or --builtin)"));
    if (!spec.startsWith(Datasets.BUILTIN) && !Files.exists(Path.of(spec))) {
      for (String part : spec.split(",")) {
        if (!Files.exists(Path.of(part.strip()))) {
          throw new UsageException("--source: " + part.strip() + " does not exist");
        }
      }
    }
    return spec;
  }

  private static void checkOutput(Path out) throws IOException {
    if (Files.isDirectory(out)) {
      try (Stream<Path> list = Files.list(out)) {
        if (list.anyMatch(p -> p.getFileName().toString().contains(".tfrecord"))) {
          throw new UsageException("--out: " + out + " already holds TFRecord shards; choose "
              + "another directory or remove them");
        }
      }
    }
  }

  private static VideoDataset open(String spec, Flags flags) throws IOException {
    return Datasets.openFlag(SOURCE.name(), spec, new BadInputs(flags.get(SKIP_BAD)),
        flags.get(FPS));
  }

  private static void report(TfRecordConversion.Summary summary, Path out) {
    System.out.println("wrote " + summary + " to " + out);
    if (summary.skipped() > 0) {
      System.out.println("skipped " + summary.skipped() + " bad inputs:");
      summary.problems().stream().limit(PROBLEMS_SHOWN).forEach(p -> System.out.println("  " + p));
      if (summary.skipped() > PROBLEMS_SHOWN) {
        System.out.println("  ... (" + (summary.skipped() - PROBLEMS_SHOWN) + " more in the log)");
      }
    }
  }
}
