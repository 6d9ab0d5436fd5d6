package io.vidgan.metrics;

import io.vidgan.cli.Flags;
import io.vidgan.cli.UsageException;
import io.vidgan.data.BadInputs;
import io.vidgan.data.Datasets;
import io.vidgan.data.VideoDataset;
import io.vidgan.savedmodel.ExportedModel;
import io.vidgan.savedmodel.InvalidModelException;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.commons.cli.Options;

/**
 * The flags shared by the evaluation commands ({@code eval-fvd}, {@code eval-psd}) that say where
 * real and generated videos come from and at which frame rates, and the sources they open.
 */
final class SourceFlags {
  private SourceFlags() {}

  static void declare(Options o) {
    o.addOption(Flags.flag("model", "SAVEDMODEL", "generate the clips with a model written by"
        + " bin/export-savedmodel (video i uses seed --seed, index i; classes uniform)"));
    o.addOption(Flags.flag("fake", "DATA", "generated videos written to disk (any --data source);"
        + " clips are read from t=0"));
    o.addOption(Flags.flag("data", "DATA", "real videos: builtin[:options], a directory or files"
        + " of TFRecords, ZIP shards, videos or frame folders (default: builtin)"));
    o.addOption(Flags.flag("seed", "N", "seed of the real videos and offsets, and of the"
        + " generated videos (default: 0)"));
    o.addOption(Flags.flag("truncation", "SIGMA", "standard deviation of the generated videos'"
        + " noise, DVD-GAN's truncation; 1 is none (default: 1)"));
    o.addOption(Flags.flag("data-stride", "N", "the real data shows every N-th frame of the"
        + " footage the model was trained on (default: 1)"));
    o.addOption(Flags.flag("fake-stride", "N", "--fake videos show every N-th frame of that"
        + " footage (an export records its own) (default: 1)"));
    o.addOption(Flags.toggle("skip-bad", "skip and count unreadable or too short videos"
        + " (default: false)"));
  }

  /** Exactly one of {@code --model} and {@code --fake}. */
  static void checkGenerated(Flags flags) {
    if (flags.has("model") == flags.has("fake")) {
      throw new UsageException("give exactly one of --model=DIR (an exported model) and"
          + " --fake=DATA (generated videos on disk)");
    }
  }

  /** Real clips of {@code clip} (in generated frames) at the generated frame rate. */
  static ClipSampling realClips(Flags flags, ClipSampling clip) throws IOException {
    try {
      return clip.forRealData(generatedStride(flags), flags.getInt("data-stride", 1));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--data-stride: " + e.getMessage(), e);
    }
  }

  /** {@code --truncation}, checked. */
  static double truncation(Flags flags) {
    double truncation = flags.getDouble("truncation");
    if (!(truncation > 0)) {
      throw new UsageException("--truncation must be positive, got " + truncation);
    }
    return truncation;
  }

  /** Frame stride of the generated videos w.r.t. the footage the model was trained on. */
  static int generatedStride(Flags flags) throws IOException {
    if (flags.has("fake")) {
      return flags.getInt("fake-stride", 1);
    }
    try (ExportedModel model = model(flags)) {
      return model.manifest().chain().top().getFrameStride();
    }
  }

  static ExportedModel model(Flags flags) throws IOException {
    try {
      return ExportedModel.load(Path.of(flags.required("model")));
    } catch (InvalidModelException e) {
      throw new UsageException("--model: " + e.getMessage(), e);
    }
  }

  /** The dataset named by {@code --flag}; a bad spec is a usage error naming the flag. */
  static VideoDataset open(Flags flags, String flag) throws IOException {
    return Datasets.openFlag(flag, flags.required(flag),
        new BadInputs(flags.getBoolean("skip-bad")), 0);
  }

  /**
   * The generated clips: videos on disk from {@code t = 0}, or an exported model's.
   *
   * @param label class of every generated video, or -1 for uniform classes
   */
  static ClipSource generated(Flags flags, ClipSampling clip, FvdProtocol.Generated mode,
      int count, int batch, long seed, int label) throws IOException {
    if (flags.has("fake")) {
      return DatasetClips.fromStart(open(flags, "fake"), clip, count);
    }
    ExportedModel model = model(flags);
    try {
      return new ModelClips(model, clip, mode, count, batch,
          new ModelClips.Sampling(seed, truncation(flags), label));
    } catch (IllegalArgumentException e) {
      model.close();
      throw new UsageException("--model: " + e.getMessage(), e);
    }
  }
}
