package io.vidgan.savedmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.graphs.config.Presets;
import io.vidgan.graphs.config.StageConfig;
import java.util.List;
import org.junit.jupiter.api.Test;

class StageChainTest {
  @Test
  void lengthsCoverTheRequest() throws Exception {
    StageConfig lres = Presets.load("small/lres");
    StageConfig sres = Presets.load("small/sres");
    StageChain chain = StageChain.of(List.of(lres, sres));
    assertEquals(16, chain.trainedLength());
    assertArrayEquals(new int[] {50, 100}, chain.lengthsFor(100));
    assertArrayEquals(new int[] {7, 14}, chain.lengthsFor(13), "all of the video below");
    assertArrayEquals(new int[] {1, 2}, chain.lengthsFor(1), "one low-res frame, no window");
    assertArrayEquals(new int[] {8, 16}, chain.lengthsFor(0), "the trained length");
    assertArrayEquals(new int[] {30}, StageChain.of(List.of(lres)).lengthsFor(30));
  }

  @Test
  void refusesStagesThatDoNotFit() throws Exception {
    StageConfig lres = Presets.load("tiny/lres");
    StageConfig sres = Presets.load("tiny/sres");
    StageConfig smallSres = Presets.load("small/sres");
    assertTrue(message(() -> StageChain.of(List.of(sres))).contains("LOW_RES"));
    assertTrue(message(() -> StageChain.of(List.of(lres, smallSres))).contains("16x16"));
    assertTrue(message(() -> StageChain.of(List.of(lres, lres))).contains("named 'lres'"));
    StageConfig otherStride = sres.toBuilder().setFrameStride(2).build();
    assertTrue(message(() -> StageChain.of(List.of(lres, otherStride)))
        .contains("frame_stride"));
    StageConfig unconditional = sres.toBuilder().setNumClasses(0).build();
    assertTrue(message(() -> StageChain.of(List.of(lres, unconditional))).contains("classes"));
  }

  private static String message(Runnable r) {
    return assertThrows(IllegalArgumentException.class, r::run).getMessage();
  }
}
