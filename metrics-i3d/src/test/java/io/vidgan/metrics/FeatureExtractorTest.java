package io.vidgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vidgan.data.Frames;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Features do not depend on the batch size, also when frame sizes change mid-stream. */
class FeatureExtractorTest {
  private static final int FRAMES = I3d.MIN_FRAMES;

  /** Five clips: three of 16x16, then two of 20x12. */
  private static final class MixedSizes implements ClipSource {
    private final Deque<Frames> clips = new ArrayDeque<>();

    MixedSizes() {
      Random random = new Random(5);
      for (int i = 0; i < 5; i++) {
        int h = i < 3 ? 16 : 20;
        int w = i < 3 ? 16 : 12;
        byte[] rgb = new byte[FRAMES * h * w * 3];
        random.nextBytes(rgb);
        clips.add(new Frames(FRAMES, h, w, rgb));
      }
    }

    @Override
    public String description() {
      return "mixed sizes";
    }

    @Override
    public String resolution() {
      return "16x16";
    }

    @Override
    public int frames() {
      return FRAMES;
    }

    @Override
    public int planned() {
      return 5;
    }

    @Override
    public Optional<Frames> next() {
      return Optional.ofNullable(clips.poll());
    }
  }

  @Test
  void anyBatchSizeGivesTheSameFeatures() throws IOException {
    try (I3dEmbedder embedder = new I3dEmbedder(I3dWeights.random(4, I3dLayout.KINETICS_400),
        FRAMES)) {
      ClipFeatures one = new FeatureExtractor(embedder, 1).extract(new MixedSizes(), "b1");
      assertEquals(5, one.count());
      float[] expected = one.allLogits();
      for (int batch : List.of(2, 16)) {
        ClipFeatures f = new FeatureExtractor(embedder, batch).extract(new MixedSizes(), "b");
        assertEquals(5, f.count());
        float[] got = f.allLogits();
        for (int i = 0; i < expected.length; i++) {
          assertEquals(expected[i], got[i], 1e-4 * (1 + Math.abs(expected[i])),
              "batch " + batch + ", logit " + i);
        }
        assertEquals(one.pooled().mean()[7], f.pooled().mean()[7],
            1e-5 * (1 + Math.abs(one.pooled().mean()[7])));
      }
    }
  }
}
