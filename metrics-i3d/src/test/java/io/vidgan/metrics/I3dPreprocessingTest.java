package io.vidgan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vidgan.ops.Scopes;
import io.vidgan.ops.testing.TfRun;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/** Preprocessing equals TF1 resize_bilinear (legacy, corner-aligned grid) then 2x/255-1. */
class I3dPreprocessingTest {
  @ParameterizedTest
  @CsvSource({"5, 7", "300, 250", "224, 224"})
  void matchesThePlainJavaRuleOfTf1ResizeBilinear(int height, int width) {
    int frames = 2;
    byte[] rgb = new byte[frames * height * width * 3];
    new Random(height * 31L + width).nextBytes(rgb);
    float[] got;
    try (Graph g = new Graph()) {
      Ops tf = Scopes.root(g);
      Placeholder<TUint8> in = tf.placeholder(TUint8.class,
          Placeholder.shape(Shape.of(-1, frames, -1, -1, 3)));
      Operand<TFloat32> out = I3dPreprocessing.apply(tf, in);
      assertArrayEquals(new long[] {-1, frames, 224, 224, 3}, out.shape().asArray());
      try (Session s = new Session(g);
          TUint8 video = TUint8.tensorOf(Shape.of(1, frames, height, width, 3),
              DataBuffers.of(rgb, true, false));
          Result r = s.runner().feed(in, video).fetch(out).run()) {
        got = TfRun.values(r.get(0));
      }
    }
    int n = I3d.IMAGE_SIZE;
    for (int f = 0; f < frames; f++) {
      for (int y = 0; y < n; y++) {
        for (int x = 0; x < n; x++) {
          for (int c = 0; c < 3; c++) {
            double v = legacyBilinear(rgb, f, height, width, c, y, x, n);
            int i = ((f * n + y) * n + x) * 3 + c;
            assertEquals(2 * v / 255 - 1, got[i], 2e-5, "frame " + f + " at " + y + "," + x);
          }
        }
      }
    }
  }

  /**
   * TF1 {@code resize_bilinear(align_corners=False, half_pixel_centers=False)}: output pixel
   * {@code y} samples source coordinate {@code y * in / out}, between the floor and the next row
   * (clamped to the last), linearly.
   */
  private static double legacyBilinear(byte[] rgb, int f, int h, int w, int c, int y, int x,
      int n) {
    float sy = y * ((float) h / n);
    float sx = x * ((float) w / n);
    int y0 = (int) Math.floor(sy);
    int x0 = (int) Math.floor(sx);
    int y1 = Math.min(y0 + 1, h - 1);
    int x1 = Math.min(x0 + 1, w - 1);
    double ly = sy - y0;
    double lx = sx - x0;
    double top = px(rgb, f, h, w, c, y0, x0) * (1 - lx) + px(rgb, f, h, w, c, y0, x1) * lx;
    double bottom = px(rgb, f, h, w, c, y1, x0) * (1 - lx) + px(rgb, f, h, w, c, y1, x1) * lx;
    return top * (1 - ly) + bottom * ly;
  }

  private static int px(byte[] rgb, int f, int h, int w, int c, int y, int x) {
    return rgb[((f * h + y) * w + x) * 3 + c] & 0xff;
  }

  @Test
  void quantisesGeneratedValuesAsIfSaved() {
    assertEquals(0, I3dPreprocessing.quantize(-1f) & 0xff);
    assertEquals(255, I3dPreprocessing.quantize(1f) & 0xff);
    assertEquals(128, I3dPreprocessing.quantize(0f) & 0xff);
    assertEquals(191, I3dPreprocessing.quantize(0.5f) & 0xff);
    assertEquals(0, I3dPreprocessing.quantize(-3f) & 0xff);
    assertEquals(255, I3dPreprocessing.quantize(7f) & 0xff);
  }
}
