package io.vidgan.graphs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.vidgan.graphs.config.Presets;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.lres.LowResGenerator;
import io.vidgan.graphs.lres.LowResStage;
import io.vidgan.ops.BuildMode;
import io.vidgan.ops.Scopes;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The DVD-GAN presets have the structure of the paper's App. B.2 (Clark et al., 2019): G's
 * constants {@code [8, 8, 8, 4, 2]} x 128 (64x64) and {@code [8, 8, 8, 4, 2, 1]} x 96 (128x128)
 * as BigGAN in -> out lists, one ConvGRU + two ResBlocks per group, every group doubling H and W
 * from 4x4; D_S and D_T {@code [2, 4, 8, 16, 16]} x 128 and {@code [1, 2, 4, 8, 16, 16]} x 96, D_T
 * on 2x2-pooled videos with its first two blocks 3x3x3. The tables below are written from the
 * paper, and checked against the plans the networks are built from and the built graph (graph
 * only, nothing allocated). That D blocks stop halving at 4x4 (D_T's last ones) is this project's
 * rule (BigGAN's D ends at 4x4); the paper does not say where D_T's downsampling stops.
 */
class DvdGanArchitectureTest {
  /**
   * One preset's table.
   *
   * @param unitWidths ConvGRU width of each G group
   * @param unitOutputs channels each group ends with
   * @param unitSizes side of each group's output
   * @param dChannels D block widths (D_S and D_T)
   * @param spatialSizes side of each D_S block's output
   * @param temporalSizes side of each D_T block's output
   */
  record Table(String preset, int[] unitWidths, int[] unitOutputs, int[] unitSizes,
      int[] dChannels, int[] spatialSizes, int[] temporalSizes) {}

  static Stream<Table> tables() {
    return Stream.of(
        new Table("paper/dvdgan_64", new int[] {1024, 1024, 1024, 512},
            new int[] {1024, 1024, 512, 256}, new int[] {8, 16, 32, 64},
            new int[] {256, 512, 1024, 2048, 2048}, new int[] {32, 16, 8, 4, 4},
            new int[] {16, 8, 4, 4, 4}),
        new Table("paper/dvdgan_128", new int[] {768, 768, 768, 384, 192},
            new int[] {768, 768, 384, 192, 96}, new int[] {8, 16, 32, 64, 128},
            new int[] {96, 192, 384, 768, 1536, 1536}, new int[] {64, 32, 16, 8, 4, 4},
            new int[] {32, 16, 8, 4, 4, 4}));
  }

  @ParameterizedTest
  @MethodSource("tables")
  void generatorGroupsMatchTheAppendix(Table t) throws Exception {
    StageConfig c = Presets.load(t.preset());
    List<LowResGenerator.Unit> units = LowResGenerator.units(c);
    assertArrayEquals(t.unitWidths(), units.stream().mapToInt(LowResGenerator.Unit::width)
        .toArray(), "group widths");
    assertArrayEquals(t.unitOutputs(), units.stream().mapToInt(LowResGenerator.Unit::out)
        .toArray(), "group output channels");
    assertArrayEquals(t.unitSizes(), units.stream().mapToInt(LowResGenerator.Unit::outputSize)
        .toArray(), "resolution after each group");
    try (Graph g = new Graph()) {
      Ops tf = Scopes.root(g);
      LowResStage stage = (LowResStage) Stages.create(tf, c, BuildMode.train());
      int n = t.unitWidths().length;
      int in = t.unitWidths()[0];
      for (int i = 0; i < n; i++) {
        int w = t.unitWidths()[i];
        assertArrayEquals(new long[] {3, 3, in + w, w},
            shape(g, "lres/generator/convgru_" + i + "/reset/kernel"), "ConvGRU " + i);
        assertArrayEquals(new long[] {3, 3, t.unitOutputs()[i], t.unitOutputs()[i]},
            shape(g, "lres/generator/gblock_" + (2 * i + 1) + "/conv_1/kernel"), "block " + i);
        int stateSize = i == 0 ? 4 : t.unitSizes()[i - 1];
        assertArrayEquals(new long[] {stateSize, stateSize, w},
            stage.generator().stateShapes().get(i), "ConvGRU state " + i);
        in = t.unitOutputs()[i];
      }
      assertNull(g.operation("lres/generator/convgru_" + n + "/reset/kernel"), "extra group");
      assertEquals(n, stage.generator().stateShapes().size(), "ConvGRU units");
      int side = t.unitSizes()[n - 1];
      assertArrayEquals(new long[] {2, 12, side, side, 3}, generate(tf, stage, c),
          "G's output is the last group's resolution");
    }
  }

  @ParameterizedTest
  @MethodSource("tables")
  void discriminatorBlocksMatchTheAppendix(Table t) throws Exception {
    StageConfig c = Presets.load(t.preset());
    List<ResidualDiscriminator.Block> spatial = SpatialDiscriminator.plan(c);
    List<ResidualDiscriminator.Block> temporal = TemporalDiscriminator.plan(c, 3,
        c.getVideo().getHeight());
    assertArrayEquals(t.spatialSizes(), sizes(spatial), "D_S sizes");
    assertArrayEquals(t.temporalSizes(), sizes(temporal), "D_T sizes (2x2-pooled input)");
    try (Graph g = new Graph()) {
      Stages.create(Scopes.root(g), c, BuildMode.train());
      checkBlocks(g, SpatialDiscriminator.SCOPE, t.dChannels(), 0);
      checkBlocks(g, TemporalDiscriminator.SCOPE, t.dChannels(), 2);
    }
  }

  @Test
  void sswGanStageOneKeepsItsLastUnitAtTheOutputResolution() throws Exception {
    List<LowResGenerator.Unit> units = LowResGenerator.units(Presets.load("paper/kinetics_lres"));
    assertArrayEquals(new int[] {8, 16, 32, 32}, units.stream()
        .mapToInt(LowResGenerator.Unit::outputSize).toArray(), "SSW-GAN App. B.1: 4 units");
  }

  private static int[] sizes(List<ResidualDiscriminator.Block> blocks) {
    return blocks.stream().mapToInt(ResidualDiscriminator.Block::outputSize).toArray();
  }

  /** Kernel shapes of {@code scope}'s blocks: {@code blocks3d} 3x3x3 ones, then 3x3. */
  private static void checkBlocks(Graph g, String scope, int[] channels, int blocks3d) {
    int in = 3;
    for (int i = 0; i < channels.length; i++) {
      long[] expected = i < blocks3d ? new long[] {3, 3, 3, in, channels[i]}
          : new long[] {3, 3, in, channels[i]};
      assertArrayEquals(expected, shape(g, "lres/" + scope + "/dblock_" + i + "/conv_0/kernel"),
          scope + " block " + i);
      in = channels[i];
    }
    assertNull(g.operation("lres/" + scope + "/dblock_" + channels.length + "/conv_0/kernel"),
        scope + " has an extra block");
  }

  private static long[] shape(Graph g, String variable) {
    GraphOperation op = g.operation(variable);
    assertNotNull(op, variable + " missing");
    return op.output(0).shape().asArray();
  }

  private static long[] generate(Ops tf, LowResStage stage, StageConfig c) {
    Placeholder<TFloat32> z = tf.placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(2, c.getLatentDim())));
    Placeholder<TInt32> labels = tf.placeholder(TInt32.class, Placeholder.shape(Shape.of(2)));
    return stage.generator().apply(tf, z, labels, c.getVideo().getFrames()).shape().asArray();
  }
}
