package io.vidgan.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class CoverResizeTest {
  @Test
  void scaleOneIsTheIdentity() {
    Frames f = TestVideos.random(2, 5, 7, 3);
    float[] out = CoverResize.apply(f, 5, 7, 0.9, 0.1);
    for (int i = 0; i < out.length; i++) {
      assertEquals(f.rgb()[i] & 0xff, out[i], "value " + i);
    }
  }

  @Test
  void cropPicksTheOffsetAlongTheLongerSide() {
    Frames f = TestVideos.random(1, 4, 10, 4);
    // 4x10 covers 4x4 at scale 1; 6 pixels of slack; crop 0.5 -> offset floor(0.5 * 7) = 3
    float[] out = CoverResize.apply(f, 4, 4, 0.5, 0.5);
    for (int y = 0; y < 4; y++) {
      for (int x = 0; x < 4; x++) {
        assertEquals(f.rgb()[(y * 10 + x + 3) * 3] & 0xff, out[(y * 4 + x) * 3]);
      }
    }
    float[] last = CoverResize.apply(f, 4, 4, 0.5, 0.999);
    assertEquals(f.rgb()[9 * 3] & 0xff, last[3 * 3], "crop near 1 ends at the last column");
  }

  @Test
  void halvingReproducesALinearRampAwayFromTheEdges() {
    // horizontal ramp value = 10 * x; halving maps output pixel o to input centre 2o + 0.5
    byte[] rgb = new byte[8 * 16 * 3];
    for (int y = 0; y < 8; y++) {
      for (int x = 0; x < 16; x++) {
        for (int c = 0; c < 3; c++) {
          rgb[(y * 16 + x) * 3 + c] = (byte) (10 * x);
        }
      }
    }
    float[] out = CoverResize.apply(new Frames(1, 8, 16, rgb), 4, 8, 0, 0);
    for (int o = 1; o < 7; o++) {
      assertEquals(10 * (2 * o + 0.5), out[(2 * 8 + o) * 3], 1e-3, "output " + o);
    }
  }

  @Test
  void edgeTapsAreDroppedAndTheRestRenormalised() {
    // output 3 of 4 (centre 6.5) has taps 5, 6, 7 (8 is outside): weights 0.25, 0.75, 0.75
    float[] out = CoverResize.apply(impulse(8, 5, 175), 1, 4, 0, 0);
    assertEquals(175 * 0.25 / 1.75, out[3 * 3], 1e-4);
  }

  @Test
  void halvingAveragesWithTheAntialiasingTriangle() {
    // an impulse at input column 5: output 2 (centre 4.5, support 2) weighs it (1 - 0.5/2) / 2
    float[] out = CoverResize.apply(impulse(12, 5, 200), 1, 6, 0, 0);
    assertEquals(200 * 0.375, out[2 * 3], 1e-4);
    assertEquals(200 * 0.125, out[3 * 3], 1e-4);
    assertEquals(0, out[1 * 3], 1e-6);
  }

  /** A 2-row frame, black but for red {@code value} in column {@code column}. */
  private static Frames impulse(int width, int column, int value) {
    byte[] rgb = new byte[2 * width * 3];
    rgb[column * 3] = (byte) value;
    rgb[(width + column) * 3] = (byte) value;
    return new Frames(1, 2, width, rgb);
  }
}
