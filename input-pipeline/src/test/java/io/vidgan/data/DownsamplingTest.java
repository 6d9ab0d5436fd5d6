package io.vidgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class DownsamplingTest {
  /** Video [2, 4, 4, 3] whose value encodes (t, y, x, c) as t*1000 + y*100 + x*10 + c. */
  private static float[] video() {
    float[] v = new float[2 * 4 * 4 * 3];
    int i = 0;
    for (int t = 0; t < 2; t++) {
      for (int y = 0; y < 4; y++) {
        for (int x = 0; x < 4; x++) {
          for (int c = 0; c < 3; c++) {
            v[i++] = t * 1000 + y * 100 + x * 10 + c;
          }
        }
      }
    }
    return v;
  }

  @Test
  void nearestKeepsPixelFiTimesFj() {
    float[] out = new float[2 * 2 * 2 * 3];
    Downsampling.NEAREST.apply(video(), 0, 2, 4, 4, 2, 1, out, 0);
    assertArrayEquals(new float[] {0, 1, 2, 20, 21, 22, 200, 201, 202, 220, 221, 222,
        1000, 1001, 1002, 1020, 1021, 1022, 1200, 1201, 1202, 1220, 1221, 1222}, out);
  }

  @Test
  void areaAveragesBlocks() {
    float[] out = new float[2 * 3];
    Downsampling.AREA.apply(video(), 0, 2, 4, 4, 4, 1, out, 0);
    // mean over y, x in 0..3 of y*100 + x*10 = 150 + 15
    assertArrayEquals(new float[] {165, 166, 167, 1165, 1166, 1167}, out);
  }

  @Test
  void timeKeepsFrameFt() {
    float[] out = new float[3];
    Downsampling.NEAREST.apply(video(), 0, 2, 4, 4, 4, 2, out, 0);
    assertArrayEquals(new float[] {0, 1, 2}, out);
  }

  @Test
  void offsetsAreHonoured() {
    float[] in = new float[5 + 2 * 4 * 4 * 3];
    System.arraycopy(video(), 0, in, 5, 2 * 4 * 4 * 3);
    float[] out = new float[4 + 3];
    Downsampling.AREA.apply(in, 5, 2, 4, 4, 4, 2, out, 4);
    assertArrayEquals(new float[] {0, 0, 0, 0, 165, 166, 167}, out);
  }

  @Test
  void indivisibleSizesAreRejected() {
    assertThrows(IllegalArgumentException.class,
        () -> Downsampling.NEAREST.apply(video(), 0, 2, 4, 4, 3, 1, new float[100], 0));
    assertThrows(IllegalArgumentException.class,
        () -> Downsampling.NEAREST.apply(video(), 0, 2, 4, 4, 1, 3, new float[100], 0));
  }
}
