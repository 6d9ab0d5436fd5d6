package io.vidgan.data;

import io.vidgan.cli.Command;
import io.vidgan.cli.Flags;
import io.vidgan.cli.ProgressBar;
import io.vidgan.cli.UsageException;
import io.vidgan.data.io.ImageCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.commons.cli.Options;

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
  protected void declare(Options options) {
    options.addOption(Flags.flag("source", "SPEC", "what to convert: a directory, a file, "
        + "comma-separated files, or builtin[:videos=N,seed=S,height=H,width=W,frames=T]"));
    options.addOption(Flags.toggle("builtin", "convert the built-in dataset (same as "
        + "--source=builtin)"));
    options.addOption(Flags.flag("out", "DIR", "output directory; must hold no TFRecords yet"));
    options.addOption(Flags.flag("height", "H", "resize frames to cover HxW (shorter side, "
        + "antialiased bilinear) and centre-crop; 0 keeps each video's size (default: 0)"));
    options.addOption(Flags.flag("width", "W", "see --height (default: 0)"));
    options.addOption(Flags.flag("fps", "F", "resample video files to F frames per second; 0 "
        + "keeps every frame (default: 0)"));
    options.addOption(Flags.flag("shards", "N", "number of TFRecord shards (default: 16)"));
    options.addOption(Flags.flag("threads", "N", "shards converted in parallel; 0 means one per "
        + "core (default: 0)"));
    options.addOption(Flags.flag("format", "png|jpeg", "frame encoding (default: jpeg)"));
    options.addOption(Flags.flag("quality", "Q", "JPEG quality, 1 to 100 (default: 95)"));
    options.addOption(Flags.toggle("skip-bad", "skip bad videos and count them instead of "
        + "stopping (default: false)"));
  }

  @Override
  protected void run(Flags flags) throws Exception {
    String spec = source(flags);
    Path out = flags.outputDirectory("out");
    checkOutput(out);
    int height = flags.getInt("height", 0);
    int width = flags.getInt("width", 0);
    if ((height == 0) != (width == 0)) {
      throw new UsageException("--height and --width go together, got --height=" + height
          + " --width=" + width);
    }
    int quality = flags.getInt("quality", 1);
    if (quality > 100) {
      throw new UsageException("--quality must be at most 100, got " + quality);
    }
    int threads = flags.getInt("threads", 0);
    TfRecordConversion.Settings settings = new TfRecordConversion.Settings(out,
        flags.getInt("shards", 1), threads == 0 ? Runtime.getRuntime().availableProcessors()
        : threads, height, width,
        ImageCodec.Format.parse(flags.getChoice("format", "png", "jpeg", "jpg")), quality / 100f);
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
    boolean builtin = flags.getBoolean("builtin");
    if (builtin && flags.has("source")) {
      throw new UsageException("give --source or --builtin, not both");
    }
    if (builtin) {
      return Datasets.BUILTIN;
    }
    String spec = flags.get("source").orElseThrow(() -> new UsageException(
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
    double fps = flags.getDouble("fps");
    if (fps < 0) {
      throw new UsageException("--fps must be >= 0, got " + fps);
    }
    return Datasets.openFlag("source", spec, new BadInputs(flags.getBoolean("skip-bad")), fps);
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
