package io.vidgan.graphs;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vidgan.graphs.config.GeneratorConfig.UnitLayout;
import io.vidgan.graphs.config.Presets;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.ops.BuildMode;
import io.vidgan.ops.Scopes;
import io.vidgan.ops.Variables;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;

/**
 * Trainable parameter counts of the paper presets, against a count computed here from the config
 * with the architecture's formulas (so a wrong multiplier, a missing shortcut or an extra layer
 * fails). The counts are printed for the record.
 */
class ParameterCountTest {
  @ParameterizedTest
  @ValueSource(strings = {"paper/kinetics_lres", "paper/kinetics_sres", "paper/bdd_lres",
      "paper/bdd_sres1", "paper/bdd_sres2", "paper/dvdgan_64", "paper/dvdgan_128", "small/lres",
      "small/sres", "small/sres2", "small/flat", "tiny/lres", "tiny/sres", "tiny/sres2",
      "tiny/dvdgan"})
  void matchesTheArchitecture(String preset) throws Exception {
    StageConfig c = Presets.load(preset);
    try (Graph g = new Graph()) {
      Stage stage = Stages.create(Scopes.root(g), c, BuildMode.train());
      long gCount = Variables.parameterCount(stage.generatorVariables(g));
      long dCount = Variables.parameterCount(stage.discriminatorVariables(g));
      System.out.printf("%s: G %,d  D %,d parameters%n", preset, gCount, dCount);
      assertEquals(expectedGenerator(c), gCount, "G");
      assertEquals(expectedDiscriminators(c), dCount, "D");
    }
  }

  private static long conv(long k, long in, long out) {
    return k * in * out + out;
  }

  private static long gblock(long in, long out, long cond, boolean up, boolean separable) {
    long convs = separable
        ? conv(3, in, out) + conv(9, out, out) + conv(3, out, out) + conv(9, out, out)
        : conv(9, in, out) + conv(9, out, out);
    long cbn = 2 * cond * in + 2 * cond * out;
    long shortcut = in != out || up ? conv(1, in, out) : 0;
    return convs + cbn + shortcut;
  }

  static long expectedGenerator(StageConfig c) {
    long cond = StageConfigs.conditionDim(c);
    List<Integer> mult = c.getGenerator().getChannelMultipliersList();
    long ch = c.getGenerator().getBaseChannels();
    long n = mult.size();
    long total = c.getNumClasses() > 0 ? (long) c.getNumClasses() * c.getClassEmbeddingDim() : 0;
    total += cond * 16 * ch * mult.get(0) + 16 * ch * mult.get(0);
    boolean lres = c.getKind() == StageConfig.Kind.LOW_RES;
    // DVD-GAN App. B.2: the list ends with the output width, every group upsamples.
    boolean groups = c.getGenerator().getUnitLayout() == UnitLayout.EVERY_UNIT_UPSAMPLES;
    long units = groups ? n - 1 : n;
    long in = ch * mult.get(0);
    long size = 4;
    long lowSize = lres ? 0 : StageConfigs.lowResShape(c).getHeight();
    for (int i = 0; i < units; i++) {
      long w = ch * mult.get(i);
      long next = i + 1 < n ? ch * mult.get(i + 1) : w;
      if (lres) {
        total += 3 * conv(9, in + w, w);
        total += gblock(w, w, cond, false, false)
            + gblock(w, next, cond, groups || i < n - 1, false);
      } else {
        total += gblock(in, w, cond, false, true) + gblock(w, w, cond, false, false)
            + gblock(w, next, cond, true, false);
        total += size <= lowSize ? 2 * conv(1, 3, w) : 0;
        total += 2 * size <= lowSize ? conv(1, 3, next) : 0;
        size *= 2;
      }
      in = next;
    }
    return total + 2 * in + conv(9, in, 3);
  }

  private static long discriminator(StageConfig c, long inChannels, long size, int blocks3d) {
    List<Integer> mult = c.getDiscriminator().getChannelMultipliersList();
    long ch = c.getDiscriminator().getBaseChannels();
    long in = inChannels;
    long total = 0;
    for (int i = 0; i < mult.size(); i++) {
      long out = ch * mult.get(i);
      boolean down = i < mult.size() - 1 && size > 4;
      long k = i < blocks3d ? 27 : 9;
      total += conv(k, in, out) + conv(k, out, out) + (in != out || down ? conv(1, in, out) : 0);
      size = down ? size / 2 : size;
      in = out;
    }
    return total + in + 1 + (long) c.getNumClasses() * in;
  }

  static long expectedDiscriminators(StageConfig c) {
    long res = c.getVideo().getHeight();
    int pool = c.getDiscriminator().getTemporalDownsample();
    int blocks3d = c.getDiscriminator().getTemporal3DBlocks();
    long total = discriminator(c, 3, res, 0) + discriminator(c, 3, res / pool, blocks3d);
    if (c.getKind() == StageConfig.Kind.SUPER_RES && c.getDiscriminator().getMatching()) {
      total += discriminator(c, 6, StageConfigs.lowResShape(c).getHeight() / pool, blocks3d);
    }
    return total;
  }
}
