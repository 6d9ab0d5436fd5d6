package io.vidgan.bench;

import io.vidgan.graphs.config.DataConfig;
import io.vidgan.graphs.config.DiscriminatorConfig;
import io.vidgan.graphs.config.GeneratorConfig;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.graphs.config.VideoShape;

/**
 * Paper presets made small enough to train a few iterations on a CPU while keeping what the cost
 * comparison of SSW-GAN Table 3 depends on: the ratios of resolution and frames between the
 * stages and the flat model (frames are kept, every stage's side is halved alike) and the
 * architectures' layout (the multiplier lists lose their outermost entries, widths are divided
 * alike).
 */
final class ScaledPreset {
  private ScaledPreset() {}

  /**
   * {@code c} at half its side: the generator loses its last unit (the output side) and the
   * discriminators their first block (the input side), as {@code paper/dvdgan_64} is {@code
   * paper/dvdgan_128} without them (DVD-GAN App. B.2: each generator group doubles H and W); the
   * data's base resolution is halved too. A super-resolution stage keeps its factors.
   */
  static StageConfig halved(StageConfig c) {
    GeneratorConfig g = c.getGenerator();
    DiscriminatorConfig d = c.getDiscriminator();
    VideoShape v = c.getVideo();
    DataConfig data = c.getData();
    StageConfig.Builder b = c.toBuilder()
        .setVideo(v.toBuilder().setHeight(v.getHeight() / 2).setWidth(v.getWidth() / 2))
        .setGenerator(g.toBuilder().clearChannelMultipliers().addAllChannelMultipliers(
            g.getChannelMultipliersList().subList(0, g.getChannelMultipliersCount() - 1)))
        .setDiscriminator(d.toBuilder().clearChannelMultipliers().addAllChannelMultipliers(
            d.getChannelMultipliersList().subList(1, d.getChannelMultipliersCount())));
    if (data.hasBaseHeight()) {
      b.setData(data.toBuilder().setBaseHeight(data.getBaseHeight() / 2)
          .setBaseWidth(data.getBaseWidth() / 2));
    }
    return StageConfigs.validate(b.build(), c.getName() + " halved");
  }

  /** {@code c} with the base width of G and D divided by {@code divisor} (at least 1 channel). */
  static StageConfig narrowed(StageConfig c, int divisor) {
    GeneratorConfig g = c.getGenerator();
    DiscriminatorConfig d = c.getDiscriminator();
    return StageConfigs.validate(c.toBuilder()
        .setGenerator(g.toBuilder().setBaseChannels(Math.max(1, g.getBaseChannels() / divisor)))
        .setDiscriminator(d.toBuilder()
            .setBaseChannels(Math.max(1, d.getBaseChannels() / divisor)))
        .build(), c.getName() + " narrowed");
  }

  /** {@code c} with global batch {@code batch}. */
  static StageConfig withBatch(StageConfig c, int batch) {
    return c.toBuilder().setOptimization(c.getOptimization().toBuilder().setBatchSize(batch))
        .build();
  }
}
