package io.vidgan.bench;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.graphs.StageBelow;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import java.util.List;

/**
 * The single-stage ("flat") model a stage-wise chain is compared with: one DVD-GAN generator
 * making the chain's final output directly, as SSW-GAN Table 3 sets DVD-GAN 128x128/50 against
 * stage 1 (32x32/25) + stage 2 (windows up to 128x128/12), which unrolled make 128x128/50.
 */
final class FlatModel {
  private FlatModel() {}

  /** What a model makes: {@code height} x {@code width} frames, {@code frameStride} apart. */
  record Output(int frames, int height, int width, int frameStride) {
    static Output of(StageConfig c) {
      return new Output(c.getVideo().getFrames(), c.getVideo().getHeight(),
          c.getVideo().getWidth(), c.getFrameStride());
    }

    /** SSW-GAN's notation, {@code 128x128/50}. */
    String describe() {
      return height + "x" + width + "/" + frames;
    }
  }

  /**
   * The chain's final output at its trained length: the first stage's clip, every stage above
   * applied to all of it (HVG §3.2), so its frames multiply by each time factor; the side and
   * frame stride are the last stage's.
   *
   * @param chain first stage first
   * @throws IllegalArgumentException if the stages do not fit together
   */
  static Output chainOutput(List<StageConfig> chain) {
    checkArgument(chain.size() >= 2, "a chain has a first stage and at least one above it");
    StageConfig last = chain.get(chain.size() - 1);
    StageBelow.check(chain.subList(0, chain.size() - 1), last);
    int frames = chain.get(0).getVideo().getFrames();
    for (StageConfig c : chain.subList(1, chain.size())) {
      frames *= c.getLowRes().getTimeFactor();
    }
    return new Output(frames, last.getVideo().getHeight(), last.getVideo().getWidth(),
        last.getFrameStride());
  }

  /**
   * {@code flat} set to make {@code out}'s frames at its frame rate (DVD-GAN 128x128 at 50
   * frames, every 4th, for SSW-GAN Table 3).
   *
   * @throws IllegalArgumentException if its generator makes another resolution
   */
  static StageConfig lengthened(StageConfig flat, Output out) {
    checkArgument(flat.getKind() == StageConfig.Kind.LOW_RES, "a flat model is LOW_RES");
    checkArgument(flat.getVideo().getHeight() == out.height(), "%s makes %spx, the chain %spx",
        flat.getName(), flat.getVideo().getHeight(), out.height());
    return StageConfigs.validate(flat.toBuilder()
        .setVideo(flat.getVideo().toBuilder().setFrames(out.frames()))
        .setFrameStride(out.frameStride()).build(), "flat model of " + out);
  }
}
