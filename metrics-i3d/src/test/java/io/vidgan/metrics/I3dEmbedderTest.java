package io.vidgan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.data.Frames;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Small forward passes per layout: a checkpoint of random I3D weights restores by name into a
 * fresh graph (built with other random weights) and gives identical logits and features.
 */
class I3dEmbedderTest {
  private static final int FRAMES = I3d.MIN_FRAMES;

  @TempDir Path dir;

  @Test
  void kinetics400CheckpointRestoresToIdenticalLogits() throws IOException {
    roundTrip(I3dLayout.KINETICS_400);
  }

  @Test
  void kinetics600CheckpointWithFiveDimBatchNormRestoresToIdenticalLogits() throws IOException {
    roundTrip(I3dLayout.KINETICS_600);
  }

  private void roundTrip(I3dLayout layout) throws IOException {
    List<Frames> clips = List.of(clip(1, 20, 28), clip(2, 20, 28));
    String prefix = dir.resolve("i3d").toString();
    Embeddings saved;
    try (I3dEmbedder a = new I3dEmbedder(I3dWeights.random(1, layout), FRAMES)) {
      saved = a.embed(clips);
      a.save(prefix);
    }
    assertEquals(layout.classes(), saved.classes());
    assertTrue(spread(saved.logits()) > 0, "logits of different clips should differ");
    I3dWeights restored = I3dWeights.open(prefix);
    assertEquals(layout, restored.layout());
    assertEquals(I3dWeights.Kind.CHECKPOINT, restored.kind());
    // The fresh graph starts from other random weights (seed 0, not 1): only restoring makes the
    // logits equal.
    assertEquals(0, restored.seed());
    try (I3dEmbedder b = new I3dEmbedder(restored, FRAMES)) {
      Embeddings again = b.embed(clips);
      assertArrayEquals(saved.logits(), again.logits());
      assertArrayEquals(saved.pooled(), again.pooled());
    }
  }

  private static Frames clip(long seed, int height, int width) {
    byte[] rgb = new byte[FRAMES * height * width * 3];
    new Random(seed).nextBytes(rgb);
    return new Frames(FRAMES, height, width, rgb);
  }

  private static double spread(float[] logits) {
    int half = logits.length / 2;
    double d = 0;
    for (int i = 0; i < half; i++) {
      d = Math.max(d, Math.abs(logits[i] - logits[half + i]));
    }
    return d;
  }
}
