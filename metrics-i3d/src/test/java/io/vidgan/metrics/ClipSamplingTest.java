package io.vidgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ClipSamplingTest {
  private static final ClipSampling SIXTEEN = new ClipSampling(16, 1);

  @Test
  void realClipsAreReadAtTheGeneratedFrameRate() {
    assertEquals(new ClipSampling(16, 8), SIXTEEN.forRealData(8, 1), "stage 1 of HVG Kinetics");
    assertEquals(new ClipSampling(16, 2), SIXTEEN.forRealData(4, 2), "data already halved");
    assertEquals(new ClipSampling(16, 16), new ClipSampling(16, 8).forRealData(2, 1));
    assertEquals(121, new ClipSampling(16, 8).span());
  }

  @Test
  void dataCoarserThanTheGeneratedVideosIsAnErrorNamingBothRates() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SIXTEEN.forRealData(1, 2));
    assertTrue(e.getMessage().contains("frame stride 1 and the real data frame stride 2"),
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SIXTEEN.forRealData(3, 2));
  }

  @Test
  void everyProtocolNamesItsPaper() {
    for (FvdProtocol p : FvdProtocol.values()) {
      assertTrue(FvdProtocol.catalogue().contains(p.id() + ": " + p.frames() + " frames"));
      assertTrue(p.paper().citation().contains("et al."), p.id());
      assertEquals(p, FvdProtocol.of(p.id()));
    }
  }
}
