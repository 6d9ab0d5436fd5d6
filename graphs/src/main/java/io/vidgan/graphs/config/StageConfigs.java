package io.vidgan.graphs.config;

import com.google.protobuf.TextFormat;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Loads, validates and describes {@link StageConfig}s (text-format protobuf under {@code configs/}).
 *
 * <p>Validation happens once, here, so that networks can assume a consistent config; every error
 * names the file and field.
 */
public final class StageConfigs {
  /** Spatial size of the first generator feature map (DVD-GAN §3.1: a [4, 4, ch0] tensor). */
  public static final int STEM_SIZE = 4;

  private StageConfigs() {}

  /** Parses and validates a text-format StageConfig file. */
  public static StageConfig load(Path file) throws IOException {
    StageConfig.Builder builder = StageConfig.newBuilder();
    try {
      TextFormat.merge(Files.readString(file, StandardCharsets.UTF_8), builder);
    } catch (TextFormat.ParseException e) {
      throw new InvalidConfigException(file + ": " + e.getMessage());
    }
    return validate(builder.build(), file.toString());
  }

  /** Parses and validates text-format StageConfig contents; {@code origin} names them in errors. */
  public static StageConfig parse(String text, String origin) {
    StageConfig.Builder builder = StageConfig.newBuilder();
    try {
      TextFormat.merge(text, builder);
    } catch (TextFormat.ParseException e) {
      throw new InvalidConfigException(origin + ": " + e.getMessage());
    }
    return validate(builder.build(), origin);
  }

  /** The config in text format, as written to a run directory. */
  public static String toText(StageConfig config) {
    return TextFormat.printer().printToString(config);
  }

  /** Checks the config is complete and consistent; returns it. */
  public static StageConfig validate(StageConfig c, String origin) {
    Checker check = new Checker(origin);
    check.that(c.hasName() && c.getName().matches("[a-z][a-z0-9_]*"),
        "name must be a lower_snake_case scope, got '%s'", c.getName());
    check.that(c.getKind() != StageConfig.Kind.KIND_UNSPECIFIED, "kind must be set");
    VideoShape v = c.getVideo();
    check.that(v.getFrames() > 0 && v.getHeight() > 0 && v.getWidth() > 0,
        "video must have positive frames, height, width, got %sx%sx%s", v.getFrames(),
        v.getHeight(), v.getWidth());
    check.that(v.getHeight() == v.getWidth(), "video must be square, got %sx%s", v.getHeight(),
        v.getWidth());
    check.that(c.getFrameStride() > 0, "frame_stride must be positive");
    check.that(c.getLatentDim() > 0, "latent_dim must be positive");
    check.that(c.getNumClasses() >= 0, "num_classes must be >= 0");
    check.that(c.getNumClasses() == 0 || c.getClassEmbeddingDim() > 0,
        "class_embedding_dim must be positive for a conditional model");
    checkGenerator(c, check);
    checkDiscriminator(c, check);
    checkOptimization(c.getOptimization(), check);
    if (c.getKind() == StageConfig.Kind.SUPER_RES) {
      LowResView low = c.getLowRes();
      check.that(low.getSpaceFactor() >= 1 && v.getHeight() % low.getSpaceFactor() == 0,
          "low_res.space_factor %s must divide the resolution %s", low.getSpaceFactor(),
          v.getHeight());
      check.that(low.getTimeFactor() >= 1 && v.getFrames() % low.getTimeFactor() == 0,
          "low_res.time_factor %s must divide frames %s", low.getTimeFactor(), v.getFrames());
    }
    DataConfig d = c.getData();
    if (d.hasBaseHeight() || d.hasBaseWidth()) {
      check.that(d.getBaseHeight() % v.getHeight() == 0 && d.getBaseWidth() % v.getWidth() == 0,
          "data.base_height/base_width %sx%s must be multiples of the resolution %sx%s",
          d.getBaseHeight(), d.getBaseWidth(), v.getHeight(), v.getWidth());
    }
    return c;
  }

  private static void checkGenerator(StageConfig c, Checker check) {
    GeneratorConfig g = c.getGenerator();
    check.that(g.getBaseChannels() > 0, "generator.base_channels must be positive");
    check.that(g.getChannelMultipliersCount() > 0, "generator.channel_multipliers is empty");
    g.getChannelMultipliersList().forEach(m -> check.that(m > 0,
        "generator.channel_multipliers must be positive, got %s", m));
    boolean groups = g.getUnitLayout() == GeneratorConfig.UnitLayout.EVERY_UNIT_UPSAMPLES;
    check.that(!groups || c.getKind() == StageConfig.Kind.LOW_RES,
        "generator.unit_layout %s is for LOW_RES stages (super-resolution units all upsample)",
        g.getUnitLayout());
    check.that(!groups || g.getChannelMultipliersCount() >= 2,
        "generator.unit_layout %s needs at least 2 channel_multipliers (input and output width)",
        g.getUnitLayout());
    int expected = generatorResolution(c);
    check.that(expected == c.getVideo().getHeight(),
        "%s generator with %s units makes %sx%s videos, but video is %sx%s",
        c.getKind(), g.getChannelMultipliersCount() - (groups ? 1 : 0), expected, expected,
        c.getVideo().getHeight(), c.getVideo().getWidth());
  }

  private static void checkDiscriminator(StageConfig c, Checker check) {
    DiscriminatorConfig d = c.getDiscriminator();
    check.that(d.getBaseChannels() > 0, "discriminator.base_channels must be positive");
    check.that(d.getChannelMultipliersCount() >= d.getTemporal3DBlocks(),
        "discriminator needs at least temporal_3d_blocks (%s) blocks, got %s",
        d.getTemporal3DBlocks(), d.getChannelMultipliersCount());
    check.that(d.getChannelMultipliersCount() > 0, "discriminator.channel_multipliers is empty");
    check.that(d.getSpatialFrames() > 0, "discriminator.spatial_frames must be positive");
    check.that(d.getTemporalDownsample() >= 1
        && c.getVideo().getHeight() % d.getTemporalDownsample() == 0,
        "discriminator.temporal_downsample %s must divide the resolution",
        d.getTemporalDownsample());
  }

  private static void checkOptimization(OptimizationConfig o, Checker check) {
    check.that(o.getGeneratorAdam().getLearningRate() > 0,
        "optimization.generator_adam.learning_rate must be positive");
    check.that(o.getDiscriminatorAdam().getLearningRate() > 0,
        "optimization.discriminator_adam.learning_rate must be positive");
    check.that(o.getDStepsPerGStep() > 0, "optimization.d_steps_per_g_step must be positive");
    check.that(o.getBatchSize() > 0, "optimization.batch_size must be positive");
    EmaConfig ema = o.getEma();
    check.that(!ema.getEnabled() || (ema.getDecay() > 0 && ema.getDecay() < 1),
        "optimization.ema.decay must be in (0, 1), got %s", ema.getDecay());
  }

  /**
   * Side of the videos the generator of {@code c} makes, from its multipliers: a LOW_RES
   * generator upsamples {@code n - 1} times in both unit layouts, a SUPER_RES one {@code n}.
   */
  public static int generatorResolution(StageConfig c) {
    int multipliers = c.getGenerator().getChannelMultipliersCount();
    int upsamplings = c.getKind() == StageConfig.Kind.LOW_RES ? multipliers - 1 : multipliers;
    return STEM_SIZE << Math.max(0, upsamplings);
  }

  /** Length of the conditioning vector of G's batch norms: z, plus e(y) when conditional. */
  public static int conditionDim(StageConfig c) {
    return c.getLatentDim() + (c.getNumClasses() > 0 ? c.getClassEmbeddingDim() : 0);
  }

  /** Shape of the low-res window a super-resolution stage is conditioned on. */
  public static VideoShape lowResShape(StageConfig c) {
    VideoShape v = c.getVideo();
    LowResView low = c.getLowRes();
    return VideoShape.newBuilder().setFrames(v.getFrames() / low.getTimeFactor())
        .setHeight(v.getHeight() / low.getSpaceFactor())
        .setWidth(v.getWidth() / low.getSpaceFactor()).build();
  }

  /** Collects the first failed check as an {@link InvalidConfigException} naming the origin. */
  private static final class Checker {
    private final String origin;

    Checker(String origin) {
      this.origin = origin;
    }

    void that(boolean ok, String template, Object... args) {
      if (!ok) {
        throw new InvalidConfigException(origin + ": " + String.format(template, args));
      }
    }
  }
}
