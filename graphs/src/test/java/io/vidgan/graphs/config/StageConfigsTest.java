package io.vidgan.graphs.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StageConfigsTest {
  static final String[] PRESETS = {"paper/kinetics_lres", "paper/kinetics_sres", "paper/bdd_lres",
      "paper/bdd_sres1", "paper/bdd_sres2", "paper/dvdgan_64", "paper/dvdgan_128", "small/lres",
      "small/sres", "small/sres2", "tiny/lres", "tiny/sres", "tiny/sres2", "tiny/dvdgan"};

  @ParameterizedTest
  @ValueSource(strings = {"paper/kinetics_lres", "paper/kinetics_sres", "paper/bdd_lres",
      "paper/bdd_sres1", "paper/bdd_sres2", "paper/dvdgan_64", "paper/dvdgan_128", "small/lres",
      "small/sres", "small/sres2", "tiny/lres", "tiny/sres", "tiny/sres2", "tiny/dvdgan"})
  void everyPresetLoadsAndItsGeneratorReachesItsResolution(String preset) throws Exception {
    StageConfig c = Presets.load(preset);
    assertEquals(c.getVideo().getHeight(), StageConfigs.generatorResolution(c));
  }

  @Test
  void paperDefaultsComeFromTheSchema() throws Exception {
    StageConfig c = Presets.load("paper/kinetics_lres");
    assertEquals(8, c.getDiscriminator().getSpatialFrames(), "DVD-GAN k = 8");
    assertEquals(2, c.getDiscriminator().getTemporalDownsample());
    assertEquals(0f, c.getOptimization().getGeneratorAdam().getBeta1());
    assertEquals(0.999f, c.getOptimization().getGeneratorAdam().getBeta2());
    assertTrue(c.getSpectralNorm());
  }

  @Test
  void aResolutionTheGeneratorCannotReachNamesTheFileAndField(@TempDir Path dir)
      throws Exception {
    Path file = dir.resolve("bad.pbtxt");
    String text = Files.readString(Path.of("../configs/tiny/lres.pbtxt"))
        .replace("channel_multipliers: [2, 1] }", "channel_multipliers: [2, 1, 1] }");
    Files.writeString(file, text);
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> StageConfigs.load(file));
    assertTrue(e.getMessage().startsWith(file.toString()), e.getMessage());
    assertTrue(e.getMessage().contains("3 units makes 16x16"), e.getMessage());
  }

  @Test
  void syntaxErrorsAndUnknownPresetsAreReported(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("broken.pbtxt");
    Files.writeString(file, "name: \"lres\"\nvideo { frames: }\n");
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> StageConfigs.load(file));
    assertTrue(e.getMessage().contains("broken.pbtxt"), e.getMessage());
    InvalidConfigException missing = assertThrows(InvalidConfigException.class,
        () -> Presets.resolve("no/such_preset"));
    assertTrue(missing.getMessage().contains("no preset named 'no/such_preset'"));
  }

  @Test
  void dvdGanUnitLayoutIsForTheFirstStageOnly() {
    String text = "name: \"sres\" kind: SUPER_RES video { frames: 4 height: 16 width: 16 }"
        + " low_res { space_factor: 2 time_factor: 2 }"
        + " generator { base_channels: 4 channel_multipliers: [2, 1]"
        + " unit_layout: EVERY_UNIT_UPSAMPLES }"
        + " discriminator { base_channels: 4 channel_multipliers: [1, 2] }"
        + " optimization { generator_adam { learning_rate: 1e-4 }"
        + " discriminator_adam { learning_rate: 1e-4 } }";
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> StageConfigs.parse(text, "inline"));
    assertEquals("inline: generator.unit_layout EVERY_UNIT_UPSAMPLES is for LOW_RES stages"
        + " (super-resolution units all upsample)", e.getMessage());
  }

  @Test
  void superResolutionFactorsMustDivideTheWindow() {
    String text = "name: \"sres\" kind: SUPER_RES video { frames: 5 height: 16 width: 16 }"
        + " low_res { space_factor: 2 time_factor: 2 }"
        + " generator { base_channels: 4 channel_multipliers: [2, 1] }"
        + " discriminator { base_channels: 4 channel_multipliers: [1, 2] }"
        + " optimization { generator_adam { learning_rate: 1e-4 }"
        + " discriminator_adam { learning_rate: 1e-4 } }";
    InvalidConfigException e = assertThrows(InvalidConfigException.class,
        () -> StageConfigs.parse(text, "inline"));
    assertEquals("inline: low_res.time_factor 2 must divide frames 5", e.getMessage());
  }
}
