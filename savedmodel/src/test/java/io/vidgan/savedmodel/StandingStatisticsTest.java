package io.vidgan.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.ops.BuildMode;
import io.vidgan.ops.testing.Closeness;
import io.vidgan.ops.testing.TfRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * BN statistics re-estimated at a longer length: after one dummy pass the stored statistics are
 * that batch's moments, so the exported model run on that batch must reproduce the
 * batch-statistics forward pass exactly, frame for frame, beyond the trained length.
 */
class StandingStatisticsTest {
  private static final int B = 3;
  private static final long SEED = 5;

  @TempDir
  Path dir;

  @Test
  void onePassStoresThatBatchsMomentsForEveryFrame() throws Exception {
    TinyChain chain = TinyChain.get();
    Path out = dir.resolve("model");
    ModelExporter.export(List.of(new ModelExporter.Source(chain.lres, chain.lresPrefix(), true)),
        new ModelExporter.Options(8, 1, B, SEED, 0), out);
    float[] z = Latents.normal(SEED, 0, B, 0, 8, 1.0);
    int[] labels = Latents.classes(SEED, 0, B, 4);
    float[] exported = eightFrames(out, z, labels);
    float[] trainedStats = eightFrames(chain.model, z, labels);
    try (DirectGenerator batchStats = new DirectGenerator(chain.lres, chain.lresPrefix(), true,
        BuildMode.standingStats(), 8, 8)) {
      float[] expected = batchStats.run(z, labels, null);
      Closeness bound = DirectGenerator.rounding(chain.lres);
      System.out.printf("re-estimated statistics vs batch statistics: %.3g of the rounding "
          + "bound%n", bound.excess(expected, exported));
      bound.assertClose(expected, exported, "re-estimated vs batch statistics");
      assertTrue(TfRun.maxAbsDiff(expected, trainedStats) > 1e-2,
          "the trained statistics give another video, so the statistics were replaced");
    }
    try (ExportedModel m = ExportedModel.load(out)) {
      assertEquals(8, m.manifest().statFrames());
      assertEquals(1, m.manifest().statPasses());
    }
  }

  /** 8 frames (two chunks) of a model's first stage, {@code [B, 8, 8, 8, 3]}. */
  private static float[] eightFrames(Path modelDir, float[] z, int[] labels) throws Exception {
    List<float[]> steps = new ArrayList<>();
    try (ExportedModel m = ExportedModel.load(modelDir);
        TFloat32 zt = Tensors.of(Shape.of(B, 8), z);
        TInt32 yt = TInt32.vectorOf(labels)) {
      LowResStream.run(m, zt, yt, 8, steps::add);
    }
    return TimeSteps.stack(steps, B, 8 * 8 * 3);
  }
}
