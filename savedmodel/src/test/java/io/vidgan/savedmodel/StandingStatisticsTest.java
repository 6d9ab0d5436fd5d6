package io.vidgan.savedmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.ops.BuildMode;
import io.vidgan.ops.io.CheckpointIndex;
import io.vidgan.ops.io.CheckpointTensor;
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
 * BN statistics re-estimated at export for every stage and the weights exported (SSW-GAN App. A).
 * After one dummy pass the stored statistics are that batch's moments, so the exported chain run
 * on that batch must reproduce each stage's batch-statistics forward pass with the exported
 * weights, frame for frame, beyond the trained lengths. The spectral-norm vectors of an EMA export
 * are the power iterations of the EMA kernels, recomputed here in double (in this fixture G's
 * vectors are already within ~1e-6 of the EMA kernels' fixed points, so this checks consistency,
 * not that iterations ran).
 */
class StandingStatisticsTest {
  private static final int B = 3;
  private static final long SEED = 5;

  @TempDir
  Path dir;

  @Test
  void onePassStoresThatBatchsMomentsForEveryStage() throws Exception {
    TinyChain chain = TinyChain.get();
    Path out = dir.resolve("model");
    ModelExporter.export(List.of(new ModelExporter.Source(chain.lres, chain.lresPrefix(), true),
        new ModelExporter.Source(chain.sres, chain.sresPrefix(), false)),
        new ModelExporter.Options(8, 1, B, SEED), out);
    int[] labels = Latents.classes(SEED, 0, B, 4);
    try (ExportedModel m = ExportedModel.load(out)) {
      assertEquals(8, m.manifest().stages().get(0).statFrames());
      assertEquals(16, m.manifest().stages().get(1).statFrames(), "the whole video at 8 frames");
      assertEquals(1, m.manifest().statPasses());
      List<float[]> latents = Latents.forChain(m.manifest().chain(), SEED, 0, B, 1.0);
      String exported = out.resolve("variables/variables").toString();
      float[] low;
      float[] high;
      try (DirectGenerator lres = new DirectGenerator(chain.lres, exported, false,
          BuildMode.standingStats(), 8, 8);
          DirectGenerator sres = new DirectGenerator(chain.sres, exported, false,
              BuildMode.standingStats(), 16, 16)) {
        low = lres.run(latents.get(0), labels, null);
        high = sres.run(latents.get(1), labels, low);
      }
      assertClose(low, firstStage(m, latents.get(0), labels), "first stage");
      assertClose(high, video(m, latents, labels, 16), "super-resolution stage");
      try (ExportedModel trained = ExportedModel.load(chain.model)) {
        assertTrue(TfRun.maxAbsDiff(high, video(trained, latents, labels, 16)) > 1e-2,
            "the trained statistics give another video, so the statistics were replaced");
      }
    }
  }

  @Test
  void anEmaExportHasTheSpectralNormVectorsOfTheEmaKernels() throws Exception {
    TinyChain chain = TinyChain.get();
    Path out = dir.resolve("model");
    int passes = 4;
    ModelExporter.export(List.of(new ModelExporter.Source(chain.lres, chain.lresPrefix(), true)),
        new ModelExporter.Options(0, passes, 1, SEED), out);
    String exportedPrefix = out.resolve("variables/variables").toString();
    List<String> vectors = CheckpointIndex.read(exportedPrefix).tensors().stream()
        .map(CheckpointTensor::name).filter(n -> n.endsWith("/sn/u")).toList();
    assertTrue(vectors.size() > 5, "spectral-norm vectors " + vectors);
    try (DirectGenerator ema = new DirectGenerator(chain.lres, chain.lresPrefix(), true);
        DirectGenerator exported = new DirectGenerator(chain.lres, exportedPrefix, false)) {
      for (String name : vectors) {
        String kernelName = name.substring(0, name.length() - "sn/u".length()) + "kernel";
        float[] kernel = ema.variable(kernelName);
        float[] trainedU = ema.variable(name);
        assertArrayEquals(kernel, exported.variable(kernelName), "the EMA kernel " + kernelName);
        float[] u = exported.variable(name);
        double[] expected = powerIterations(kernel, trainedU, passes);
        for (int i = 0; i < u.length; i++) {
          assertEquals(expected[i], u[i], 1e-5, name + "[" + i + "]");
        }
      }
    }
  }

  /**
   * {@code n} iterations of {@code u <- l2norm(w^T l2norm(w u))} with {@code w} the kernel as
   * {@code [K, C_out]} ({@link io.vidgan.ops.SpectralNorm}).
   */
  private static double[] powerIterations(float[] kernel, float[] u0, int n) {
    int out = u0.length;
    int rows = kernel.length / out;
    double[] u = new double[out];
    for (int i = 0; i < out; i++) {
      u[i] = u0[i];
    }
    for (int step = 0; step < n; step++) {
      double[] v = new double[rows];
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < out; c++) {
          v[r] += kernel[r * out + c] * u[c];
        }
      }
      normalize(v);
      double[] next = new double[out];
      for (int r = 0; r < rows; r++) {
        for (int c = 0; c < out; c++) {
          next[c] += kernel[r * out + c] * v[r];
        }
      }
      normalize(next);
      u = next;
    }
    return u;
  }

  private static void normalize(double[] x) {
    double norm = 0;
    for (double d : x) {
      norm += d * d;
    }
    norm = Math.sqrt(norm);
    for (int i = 0; i < x.length; i++) {
      x[i] /= norm;
    }
  }

  private static void assertClose(float[] expected, float[] actual, String what) {
    double magnitude = 0;
    for (float e : expected) {
      magnitude = Math.max(magnitude, Math.abs(e));
    }
    double diff = TfRun.maxAbsDiff(expected, actual);
    System.out.printf("%s, re-estimated vs batch statistics: max abs diff %.3g (magnitude %.3g)%n",
        what, diff, magnitude);
    assertTrue(diff <= 1e-4 * magnitude, what + ": max abs diff " + diff);
  }

  /** 8 frames (two chunks) of a model's first stage, {@code [B, 8, 8, 8, 3]}. */
  private static float[] firstStage(ExportedModel m, float[] z, int[] labels) throws Exception {
    List<float[]> steps = new ArrayList<>();
    try (TFloat32 zt = Tensors.of(Shape.of(B, 8), z);
        TInt32 yt = TInt32.vectorOf(labels)) {
      LowResStream.run(m, zt, yt, 8, steps::add);
    }
    return TimeSteps.stack(steps, B, 8 * 8 * 3);
  }

  /** {@code frames} frames of a model's top stage, {@code [B, frames, 16, 16, 3]}. */
  private static float[] video(ExportedModel m, List<float[]> latents, int[] labels, int frames)
      throws Exception {
    List<float[]> steps = new ArrayList<>();
    new LongVideoGenerator(m, 1).generate(latents, labels, frames, steps::add);
    return TimeSteps.stack(steps, B, 16 * 16 * 3);
  }
}
