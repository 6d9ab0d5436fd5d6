package io.vidgan.data.builtin;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.data.BadInputs;
import io.vidgan.data.DatasetException;
import io.vidgan.data.Downsampling;
import io.vidgan.data.Frames;
import io.vidgan.data.TestVideos;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BuiltinDatasetTest {
  private static BuiltinDataset dataset(String options) {
    return new BuiltinDataset(BuiltinDataset.Options.parse(options), new BadInputs(false));
  }

  @Test
  void theSameSeedRendersTheSameVideos() throws Exception {
    Frames a = dataset("seed=3,height=24,width=32").read(5, 0, 3, 1);
    Frames b = dataset("seed=3,height=24,width=32").read(5, 0, 3, 1);
    Frames c = dataset("seed=4,height=24,width=32").read(5, 0, 3, 1);
    assertArrayEquals(a.rgb(), b.rgb());
    assertFalse(Arrays.equals(a.rgb(), c.rgb()));
  }

  @Test
  void aFrameDoesNotDependOnHowItIsRead() throws Exception {
    BuiltinDataset data = dataset("height=16,width=16,frames=40");
    Frames all = data.read(2, 0, 12, 1);
    Frames strided = data.read(2, 3, 4, 2);
    for (int k = 0; k < 4; k++) {
      assertArrayEquals(all.frame(3 + 2 * k).rgb(), strided.frame(k).rgb());
    }
  }

  @Test
  void twoResolutionsShowTheSameScene() throws Exception {
    // Compared at 8x12, below the detail each resolution band-limits differently.
    Frames small = areaDown(dataset("height=32,width=48").read(7, 10, 1, 1), 4);
    Frames large = areaDown(dataset("height=64,width=96").read(7, 10, 1, 1), 8);
    Frames other = areaDown(dataset("height=32,width=48").read(8, 10, 1, 1), 4);
    double same = TestVideos.meanAbsDiff(small, large);
    double different = TestVideos.meanAbsDiff(small, other);
    assertTrue(same < 3 && different > 5 * same, "same scene " + same + ", other " + different);
  }

  @Test
  void framesChangeSmoothlyOverTime() throws Exception {
    BuiltinDataset data = dataset("height=64,width=64,frames=64");
    for (int v = 0; v < 4; v++) {
      Frames f = data.read(v, 0, 2, 1);
      Frames far = data.read(v, 60, 1, 1);
      double step = TestVideos.meanAbsDiff(f.frame(0), f.frame(1));
      double drift = TestVideos.meanAbsDiff(f.frame(0), far);
      assertTrue(step > 0.2, "video " + v + " does not move: " + step);
      assertTrue(drift > 2 * step, "video " + v + ": step " + step + ", 60 frames " + drift);
    }
  }

  @Test
  void highResolutionHoldsDetailALowResolutionCannot() throws Exception {
    double lost = 0;
    for (int v = 0; v < 4; v++) {
      Frames large = dataset("height=128,width=128").read(v, 0, 1, 1);
      lost += TestVideos.meanAbsDiff(large, upNearest(areaDown(large, 4), 4));
    }
    assertTrue(lost / 4 > 4, "detail above the 32x32 Nyquist limit: " + lost / 4 + " levels");
  }

  @Test
  void labelsAreTheShapeFamilyAndAllClassesOccur() throws Exception {
    BuiltinDataset data = dataset("videos=64,height=8,width=8");
    Set<Integer> labels = new HashSet<>();
    for (int v = 0; v < 64; v++) {
      labels.add(data.info(v).label());
    }
    assertEquals(Set.of(0, 1, 2, 3), labels);
    assertEquals(4, BuiltinDataset.CLASSES);
  }

  @Test
  void optionsAreCheckedByName() {
    assertEquals(new BuiltinDataset.Options(5, 1, 128, 128, 7),
        BuiltinDataset.Options.parse("videos=5, frames=7"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> BuiltinDataset.Options.parse("video=5"));
    assertTrue(e.getMessage().contains("'video=5'"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> BuiltinDataset.Options.parse("frames=x"));
    assertThrows(IllegalArgumentException.class, () -> BuiltinDataset.Options.parse("height=4"));
  }

  @Test
  void framesPastTheEndAreAnError() {
    assertThrows(DatasetException.class, () -> dataset("frames=10,height=8,width=8")
        .read(0, 5, 3, 3));
  }

  private static Frames areaDown(Frames f, int factor) {
    float[] in = new float[f.rgb().length];
    for (int i = 0; i < in.length; i++) {
      in[i] = f.rgb()[i] & 0xff;
    }
    float[] out = new float[in.length / (factor * factor)];
    Downsampling.AREA.apply(in, 0, 1, f.height(), f.width(), factor, 1, out, 0);
    byte[] rgb = new byte[out.length];
    for (int i = 0; i < out.length; i++) {
      rgb[i] = (byte) Math.round(out[i]);
    }
    return new Frames(1, f.height() / factor, f.width() / factor, rgb);
  }

  private static Frames upNearest(Frames f, int factor) {
    int h = f.height() * factor;
    int w = f.width() * factor;
    byte[] rgb = new byte[h * w * 3];
    for (int y = 0; y < h; y++) {
      for (int x = 0; x < w; x++) {
        System.arraycopy(f.rgb(), ((y / factor) * f.width() + x / factor) * 3, rgb,
            (y * w + x) * 3, 3);
      }
    }
    return new Frames(1, h, w, rgb);
  }
}
