package io.vidgan.metrics;

import io.vidgan.cli.Flag;
import io.vidgan.cli.FlagSet;
import io.vidgan.cli.Flags;
import io.vidgan.cli.UsageException;
import io.vidgan.data.BadInputs;
import io.vidgan.data.Datasets;
import io.vidgan.data.VideoDataset;
import io.vidgan.savedmodel.ExportedModel;
import io.vidgan.savedmodel.InvalidModelException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The flags shared by the evaluation commands ({@code eval-fvd}, {@code eval-psd}) that say where
 * real and generated videos come from and at which frame rates, and the sources they open.
 */
final class SourceFlags {
  static final Flag<String> MODEL = Flag.text("model", "SAVEDMODEL", "generate the clips with a "
      + "model written by bin/export-savedmodel (video i uses seed --seed, index i; classes "
      + "uniform)");
  static final Flag<String> FAKE = Flag.text("fake", "DATA", "generated videos written to disk "
      + "(any --data source); clips are read from t=0");
  static final Flag<String> DATA = Flag.text("data", "DATA", "real videos: builtin[:options], a "
      + "directory or files of TFRecords, ZIP shards, videos or frame folders")
      .withDefault("builtin");
  static final Flag<Long> SEED = Flag.longInteger("seed", "N", "seed of the real videos and "
      + "offsets, and of the generated videos").withDefault(0L);
  static final Flag<Double> TRUNCATION = Flag.number("truncation", "SIGMA", "standard deviation "
      + "of the generated videos' noise, DVD-GAN's truncation; 1 is none")
      .require(x -> x > 0, "must be positive").withDefault(1.0);
  static final Flag<Integer> DATA_STRIDE = Flag.integer("data-stride", "N", "the real data shows "
      + "every N-th frame of the footage the model was trained on").atLeast(1).withDefault(1);
  static final Flag<Integer> FAKE_STRIDE = Flag.integer("fake-stride", "N", "--fake videos show "
      + "every N-th frame of that footage (an export records its own)").atLeast(1)
      .withDefault(1);
  static final Flag<Boolean> SKIP_BAD = Flag.toggle("skip-bad", "skip and count unreadable or "
      + "too short videos");

  private SourceFlags() {}

  static void declare(FlagSet flags) {
    flags.add(MODEL, FAKE, DATA, SEED, TRUNCATION, DATA_STRIDE, FAKE_STRIDE, SKIP_BAD);
  }

  /** Exactly one of {@code --model} and {@code --fake}. */
  static void checkGenerated(Flags flags) {
    if (flags.has(MODEL) == flags.has(FAKE)) {
      throw new UsageException("give exactly one of --model=DIR (an exported model) and"
          + " --fake=DATA (generated videos on disk)");
    }
  }

  /** Real clips of {@code clip} (in generated frames) at the generated frame rate. */
  static ClipSampling realClips(Flags flags, ClipSampling clip) throws IOException {
    try {
      return clip.forRealData(generatedStride(flags), flags.get(DATA_STRIDE));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--data-stride: " + e.getMessage(), e);
    }
  }

  /** Frame stride of the generated videos w.r.t. the footage the model was trained on. */
  static int generatedStride(Flags flags) throws IOException {
    if (flags.has(FAKE)) {
      return flags.get(FAKE_STRIDE);
    }
    try (ExportedModel model = model(flags)) {
      return model.manifest().chain().top().getFrameStride();
    }
  }

  static ExportedModel model(Flags flags) throws IOException {
    try {
      return ExportedModel.load(Path.of(flags.get(MODEL)));
    } catch (InvalidModelException e) {
      throw new UsageException("--model: " + e.getMessage(), e);
    }
  }

  /** The dataset named by {@code flag}; a bad spec is a usage error naming the flag. */
  static VideoDataset open(Flags flags, Flag<String> flag) throws IOException {
    return Datasets.openFlag(flag.name(), flags.get(flag), new BadInputs(flags.get(SKIP_BAD)),
        0);
  }

  /**
   * The generated clips: videos on disk from {@code t = 0}, or an exported model's.
   *
   * @param label class of every generated video, or -1 for uniform classes
   */
  static ClipSource generated(Flags flags, ClipSampling clip, FvdProtocol.Generated mode,
      int count, int batch, long seed, int label) throws IOException {
    if (flags.has(FAKE)) {
      return DatasetClips.fromStart(open(flags, FAKE), clip, count);
    }
    ExportedModel model = model(flags);
    try {
      return new ModelClips(model, clip, mode, count, batch,
          new ModelClips.Sampling(seed, flags.get(TRUNCATION), label));
    } catch (IllegalArgumentException e) {
      model.close();
      throw new UsageException("--model: " + e.getMessage(), e);
    }
  }
}
