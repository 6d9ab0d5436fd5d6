package io.vidgan.bench;

import io.vidgan.graphs.config.Presets;
import io.vidgan.graphs.config.StageConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * A stage-wise chain and the flat model of its output, trained side by side by the {@code cost}
 * measurement as SSW-GAN Table 3 sets stage 1 + stage 2 against DVD-GAN.
 *
 * @param name {@code small} or {@code paper}
 * @param stages first stage first
 * @param flat one LOW_RES model making the chain's final output ({@link FlatModel})
 * @param batches the two batch sizes per-sample memory is the slope between, smaller first
 */
record CostChain(String name, List<StageConfig> stages, StageConfig flat, int[] batches) {
  /** SSW-GAN Table 3's batches: 4 samples per GPU for the stages, 1 for DVD-GAN. */
  static final int[] PAPER_BATCHES = {1, 4};
  /** Widths of the paper presets divided by this, so that a few iterations fit a CPU. */
  static final int PAPER_WIDTH_DIVISOR = 8;

  /**
   * The small presets: small/lres + small/sres against small/flat, at batch 4 and at the presets'
   * 32 (a sample of the small models holds a few MB, so the slope needs a wide span to stand
   * above the tens of MB peak RSS moves by between runs).
   */
  static CostChain small() throws IOException {
    return new CostChain("small", List.of(Presets.load("small/lres"), Presets.load("small/sres")),
        Presets.load("small/flat"), new int[] {4, 32});
  }

  /**
   * SSW-GAN Table 3 scaled: paper/kinetics_lres (32x32/25) + paper/kinetics_sres (6 frames of
   * 32x32 -> 12 of 128x128) against paper/dvdgan_128 lengthened to their unrolled output
   * (128x128/50), every model at half the side ({@link ScaledPreset#halved}) and an eighth of
   * the widths; frames and the stages' factors are the paper's.
   */
  static CostChain paper() throws IOException {
    List<StageConfig> full = List.of(Presets.load("paper/kinetics_lres"),
        Presets.load("paper/kinetics_sres"));
    StageConfig flat = FlatModel.lengthened(Presets.load("paper/dvdgan_128"),
        FlatModel.chainOutput(full));
    List<StageConfig> stages = new ArrayList<>();
    full.forEach(c -> stages.add(scaled(c)));
    return new CostChain("paper", stages, scaled(flat), PAPER_BATCHES);
  }

  private static StageConfig scaled(StageConfig c) {
    return ScaledPreset.narrowed(ScaledPreset.halved(c), PAPER_WIDTH_DIVISOR);
  }

  /** The chain named {@code small} or {@code paper}. */
  static CostChain named(String name) throws IOException {
    return switch (name) {
      case "small" -> small();
      case "paper" -> paper();
      default -> throw new IllegalArgumentException("no chain '" + name + "'");
    };
  }
}
