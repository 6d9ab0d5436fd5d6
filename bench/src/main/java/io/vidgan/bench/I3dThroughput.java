package io.vidgan.bench;

import io.vidgan.data.Frames;
import io.vidgan.metrics.I3dEmbedder;
import io.vidgan.metrics.I3dLayout;
import io.vidgan.metrics.I3dWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * I3D feature extraction speed: clips per second through {@link I3dEmbedder} (logits and pooled
 * features) for batches of 16 random clips of 16 frames at 224x224, after one warm-up batch.
 * Random weights cost the same as the published ones.
 */
final class I3dThroughput implements Measurement {
  static final int BATCH = 16;
  static final int FRAMES = 16;
  static final int SIZE = 224;

  @Override
  public String name() {
    return "i3d";
  }

  @Override
  public String summary() {
    return "I3D feature extraction clips/s, batch 16 x 16 frames x 224x224";
  }

  @Override
  public void run(BenchContext context, Report report) throws Exception {
    Random random = new Random(0);
    List<Frames> clips = new ArrayList<>();
    for (int i = 0; i < BATCH; i++) {
      byte[] rgb = new byte[FRAMES * SIZE * SIZE * 3];
      random.nextBytes(rgb);
      clips.add(new Frames(FRAMES, SIZE, SIZE, rgb));
    }
    context.log("building I3D");
    try (I3dEmbedder embedder = new I3dEmbedder(I3dWeights.random(0, I3dLayout.KINETICS_400),
        FRAMES)) {
      embedder.embed(clips);
      double[] seconds = Timing.repeat(context.reps(), () -> embedder.embed(clips));
      double batch = Timing.median(seconds);
      report.add(Figure.of(name(), String.format(Locale.ROOT,
          "I3D features, batch %d x %d frames x %dx%d", BATCH, FRAMES, SIZE, SIZE),
          BATCH / batch, "clips/s", String.format(Locale.ROOT, "%.2f s/batch", batch)));
      report.raw(name(), "seconds_per_batch", seconds);
    }
  }
}
