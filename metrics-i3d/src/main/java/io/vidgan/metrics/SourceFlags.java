package io.vidgan.metrics;

import io.vidgan.cli.Flag;
import io.vidgan.cli.FlagSet;
import io.vidgan.cli.Flags;
import io.vidgan.data.BadInputs;
import io.vidgan.data.Datasets;
import io.vidgan.data.VideoDataset;
import java.io.IOException;

/**
 * The flags shared by the evaluation commands ({@code eval-fvd}, {@code eval-psd}) that say where
 * real and generated videos come from and at which frame rates; {@link GeneratedSource} opens the
 * generated side.
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

  /** The dataset named by {@code flag}; a bad spec is a usage error naming the flag. */
  static VideoDataset open(Flags flags, Flag<String> flag) throws IOException {
    return Datasets.openFlag(flag.name(), flags.get(flag), new BadInputs(flags.get(SKIP_BAD)),
        0);
  }
}
