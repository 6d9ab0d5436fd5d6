package io.vidgan.graphs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.ops.Variables;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Variable names are the checkpoint format (docs/ENGINEERING.md): this test pins the paths of
 * every network, the optimizer slots and the EMA shadows. A rename must come with a migration note.
 */
class NameContractTest {
  private static Set<String> names(StageFixture f) {
    return Variables.under(f.graph, f.stage.name(), false).stream().map(v -> v.op().name())
        .collect(Collectors.toSet());
  }

  @Test
  void lowResStage() throws Exception {
    try (StageFixture f = new StageFixture("tiny/lres", 2)) {
      Set<String> all = names(f);
      for (String name : List.of(
          "lres/generator/class_embedding/kernel",
          "lres/generator/stem/kernel",
          "lres/generator/stem/bias",
          "lres/generator/convgru_0/reset/kernel",
          "lres/generator/convgru_0/update/bias",
          "lres/generator/convgru_1/candidate/kernel",
          "lres/generator/convgru_1/candidate/sn/u",
          "lres/generator/gblock_1/cbn_0/gain/kernel",
          "lres/generator/gblock_1/cbn_1/bias/kernel",
          "lres/generator/gblock_1/cbn_0/moving_mean",
          "lres/generator/gblock_1/conv_sc/kernel",
          "lres/generator/gblock_3/conv_1/kernel",
          "lres/generator/out_bn/gamma",
          "lres/generator/out_bn/moving_variance",
          "lres/generator/out_conv/kernel",
          "lres/generator_ema/out_conv/kernel",
          "lres/generator_ema/convgru_0/reset/kernel",
          "lres/discriminator_spatial/dblock_0/conv_0/kernel",
          "lres/discriminator_spatial/dblock_0/conv_sc/bias",
          "lres/discriminator_spatial/linear/kernel",
          "lres/discriminator_spatial/embedding/kernel",
          "lres/discriminator_temporal/dblock_1/conv_1/kernel",
          "lres/discriminator_temporal/dblock_1/conv_1/sn/u")) {
        assertTrue(all.contains(name), name + " missing; have e.g. " + all.stream().sorted()
            .limit(5).collect(Collectors.toList()));
      }
      assertEquals(3 * 3 * 3 * 4 * 4, f.graph.operation(
          "lres/discriminator_temporal/dblock_0/conv_1/kernel").output(0).shape().size(),
          "first D_T blocks are 3x3x3");
      for (String adam : List.of("G_adam/lres/generator/stem/kernel-m",
          "G_adam/lres/generator/stem/kernel-v", "G_adam/beta1_power", "G_adam/beta2_power",
          "D_adam/lres/discriminator_spatial/linear/kernel-m", "D_adam/beta2_power")) {
        assertTrue(f.graph.operation(adam) != null, adam + " missing");
      }
    }
  }

  @Test
  void superResStage() throws Exception {
    try (StageFixture f = new StageFixture("tiny/sres", 2)) {
      Set<String> all = names(f);
      for (String name : List.of(
          "sres/generator/gblock_0/conv_0/temporal/kernel",
          "sres/generator/gblock_0/conv_1/spatial/kernel",
          "sres/generator/gblock_1/conv_0/kernel",
          "sres/generator/lowres_0/kernel",
          "sres/generator/lowres_2/kernel",
          "sres/generator/gblock_5/conv_1/kernel",
          "sres/discriminator_matching/dblock_0/conv_0/kernel",
          "sres/discriminator_matching/linear/kernel")) {
        assertTrue(all.contains(name), name + " missing");
      }
      assertTrue(!all.contains("sres/generator/lowres_5/kernel"),
          "no low-res residual above the low-res resolution");
      assertEquals(6 * 4, f.graph.operation("sres/discriminator_matching/dblock_0/conv_0/kernel")
          .output(0).shape().size() / 27, "D_M sees 6 channels (pair)");
    }
  }
}
