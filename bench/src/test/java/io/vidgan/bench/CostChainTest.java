package io.vidgan.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.vidgan.cli.UsageException;
import io.vidgan.graphs.InferenceGenerator;
import io.vidgan.graphs.config.Presets;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.BuildMode;
import io.vidgan.ops.Scopes;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;

/** The models the {@code cost} measurement compares, and its per-sample arithmetic. */
class CostChainTest {
  @Test
  void halvingDvdGan128GivesDvdGan64sArchitecture() throws Exception {
    StageConfig halved = ScaledPreset.halved(Presets.load("paper/dvdgan_128"));
    StageConfig dvdgan64 = Presets.load("paper/dvdgan_64");
    assertEquals(dvdgan64.getVideo().getHeight(), halved.getVideo().getHeight());
    assertEquals(dvdgan64.getGenerator().getChannelMultipliersList(),
        halved.getGenerator().getChannelMultipliersList());
    assertEquals(dvdgan64.getDiscriminator().getChannelMultipliersList(),
        halved.getDiscriminator().getChannelMultipliersList());
  }

  @Test
  void narrowingDividesBothNetworksWidths() throws Exception {
    StageConfig sres = Presets.load("paper/kinetics_sres");
    StageConfig narrow = ScaledPreset.narrowed(sres, 8);
    assertEquals(16, narrow.getGenerator().getBaseChannels());
    assertEquals(12, narrow.getDiscriminator().getBaseChannels());
    assertEquals(sres.getGenerator().getChannelMultipliersList(),
        narrow.getGenerator().getChannelMultipliersList());
  }

  /** SSW-GAN Table 3: 32x32/25 + (6 of 32x32 -> 12 of 128x128) against 128x128/50. */
  @Test
  void scaledPaperChainKeepsTable3sRatiosOfResolutionAndFrames() throws Exception {
    CostChain paper = CostChain.paper();
    StageConfig lres = paper.stages().get(0);
    StageConfig sres = paper.stages().get(1);
    StageConfig flat = paper.flat();
    assertEquals(List.of(25, 12, 50), List.of(lres.getVideo().getFrames(),
        sres.getVideo().getFrames(), flat.getVideo().getFrames()));
    assertEquals(4, flat.getVideo().getHeight() / lres.getVideo().getHeight());
    assertEquals(flat.getVideo().getHeight(), sres.getVideo().getHeight());
    assertEquals(List.of(8, 4, 4), List.of(lres.getFrameStride(), sres.getFrameStride(),
        flat.getFrameStride()));
    assertEquals(FlatModel.Output.of(flat), FlatModel.chainOutput(paper.stages()));
    assertEquals("64x64/50", FlatModel.Output.of(flat).describe());
  }

  @Test
  void smallFlatPresetMakesTheSmallChainsOutput() throws Exception {
    CostChain small = CostChain.small();
    assertEquals(FlatModel.Output.of(small.flat()), FlatModel.chainOutput(small.stages()));
  }

  /**
   * Shape level: the flat model's generator graph makes what the chain's generators make when
   * each stage above is applied to the whole video below it (HVG §3.2), at the same frame rate.
   */
  @Test
  void flatGeneratorsOutputHasTheChainsFinalShape() throws Exception {
    for (CostChain chain : List.of(CostChain.small(), CostChain.paper())) {
      long[] unrolled = null;
      for (StageConfig c : chain.stages()) {
        int frames = unrolled == null ? c.getVideo().getFrames()
            : (int) unrolled[1] * c.getLowRes().getTimeFactor();
        unrolled = generatorShape(c, frames);
      }
      StageConfig flat = chain.flat();
      assertArrayEquals(unrolled, generatorShape(flat, flat.getVideo().getFrames()),
          chain.name());
      assertEquals(chain.stages().get(chain.stages().size() - 1).getFrameStride(),
          flat.getFrameStride(), chain.name());
    }
  }

  @Test
  void chainOfStagesThatDoNotFitIsRefused() throws Exception {
    assertThrows(IllegalArgumentException.class, () -> FlatModel.chainOutput(List.of(
        Presets.load("small/lres"), Presets.load("paper/kinetics_sres"))));
  }

  @Test
  void memoryPerSampleIsThePeakSlopeBetweenBatchesAndTimeIsPerSampleOfTheLargerBatch() {
    ModelCost m = new ModelCost("m", "8x8/4", new int[] {2, 8}, new double[] {1000, 1600},
        0.8);
    assertEquals(100, m.kbPerSample(), 1e-12);
    assertEquals(0.1, m.secondsPerSample(), 1e-12);
    assertThrows(IllegalArgumentException.class,
        () -> new ModelCost("m", "8x8/4", new int[] {8, 2}, new double[] {1, 2}, 1));
  }

  @Test
  void unknownPartIsAUsageErrorNamingTheFlag() {
    UsageException e = assertThrows(UsageException.class,
        () -> new TrainingCost("small,huge", "--cost-parts"));
    assertEquals("--cost-parts: no part 'huge'; choose from small, paper, length",
        e.getMessage());
  }

  /** {@code [batch, frames, height, width, 3]} of {@code c}'s generator making {@code frames}. */
  private static long[] generatorShape(StageConfig c, int frames) {
    try (Graph g = new Graph()) {
      return new InferenceGenerator(g, Scopes.root(g), c, BuildMode.inference(), frames).video()
          .shape().asArray();
    }
  }
}
