package io.vidgan.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.BuildMode;
import io.vidgan.ops.io.CheckpointIndex;
import io.vidgan.ops.io.CheckpointTensor;
import io.vidgan.ops.testing.Closeness;
import io.vidgan.ops.testing.TfRun;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tensorflow.ndarray.Shape;

/**
 * Export/load round trip: every signature of the exported chain computes what the stages'
 * inference graphs compute from the training checkpoints (EMA weights where asked).
 */
class ModelExporterTest {
  private static final int B = 2;
  private static final int[] LABELS = {1, 3};

  static TinyChain chain;
  static StageConfig lres;
  static StageConfig sres;
  static ExportedModel model;

  @BeforeAll
  static void load() throws Exception {
    chain = TinyChain.get();
    lres = chain.lres;
    sres = chain.sres;
    model = ExportedModel.load(chain.model);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static float[] z(StageConfig c, long seed) {
    return TfRun.gaussian(B * c.getLatentDim(), seed);
  }

  private static Calls lowResInputs(float[] z) {
    return new Calls().floats(SignatureNames.Z, Shape.of(B, lres.getLatentDim()), z)
        .ints(SignatureNames.LABELS, LABELS);
  }

  @Test
  void generateLresEqualsTheInferenceGraphWithEmaWeights() throws Exception {
    float[] z = z(lres, 1);
    float[] exported = lowResInputs(z).run(model, SignatureNames.GENERATE_LRES)
        .get(SignatureNames.VIDEO);
    try (DirectGenerator ema = new DirectGenerator(lres, chain.lresPrefix(), true);
        DirectGenerator raw = new DirectGenerator(lres, chain.lresPrefix(), false)) {
      float[] expected = ema.run(z, LABELS, null);
      assertEquals(B * 4 * 8 * 8 * 3, exported.length);
      Closeness bound = DirectGenerator.rounding(lres);
      System.out.printf("export/load round trip, generate_lres: %.3g of the rounding bound%n",
          bound.excess(expected, exported));
      bound.assertClose(expected, exported, "generate_lres");
      assertTrue(TfRun.maxAbsDiff(raw.run(z, LABELS, null), exported) > 1e-4,
          "the raw weights give another video, so the EMA weights were exported");
    }
  }

  @Test
  void upsampleEqualsTheInferenceGraph() throws Exception {
    float[] z = z(sres, 2);
    float[] window = TfRun.gaussian(B * 2 * 8 * 8 * 3, 3);
    float[] exported = new Calls()
        .floats(SignatureNames.LOW_RES, Shape.of(B, 2, 8, 8, 3), window)
        .floats(SignatureNames.Z, Shape.of(B, sres.getLatentDim()), z)
        .ints(SignatureNames.LABELS, LABELS).scalar(SignatureNames.FRAME_OFFSET, 0)
        .run(model, SignatureNames.upsample("sres")).get(SignatureNames.VIDEO);
    try (DirectGenerator direct = new DirectGenerator(sres, chain.sresPrefix(), false)) {
      float[] expected = direct.run(z, LABELS, window);
      Closeness bound = DirectGenerator.rounding(sres);
      System.out.printf("export/load round trip, upsample_sres: %.3g of the rounding bound%n",
          bound.excess(expected, exported));
      bound.assertClose(expected, exported, "upsample_sres");
    }
  }

  @Test
  void chunksContinueOneLongUnroll() throws Exception {
    float[] z = z(lres, 4);
    Map<String, float[]> first = lowResInputs(z).scalar(SignatureNames.FRAME_OFFSET, 0)
        .floats(SignatureNames.state(0), Shape.of(B, 4, 4, 8), new float[B * 4 * 4 * 8])
        .floats(SignatureNames.state(1), Shape.of(B, 8, 8, 4), new float[B * 8 * 8 * 4])
        .run(model, SignatureNames.GENERATE_LRES_CHUNK);
    Map<String, float[]> second = lowResInputs(z).scalar(SignatureNames.FRAME_OFFSET, 4)
        .floats(SignatureNames.state(0), Shape.of(B, 4, 4, 8), first.get(SignatureNames.state(0)))
        .floats(SignatureNames.state(1), Shape.of(B, 8, 8, 4), first.get(SignatureNames.state(1)))
        .run(model, SignatureNames.GENERATE_LRES_CHUNK);
    try (DirectGenerator direct = new DirectGenerator(lres, chain.lresPrefix(), true,
        BuildMode.inference(), 8, 4)) {
      float[] whole = direct.run(z, LABELS, null);
      int frame = 8 * 8 * 3;
      float[] chunked = new float[whole.length];
      for (int b = 0; b < B; b++) {
        for (int t = 0; t < 8; t++) {
          System.arraycopy((t < 4 ? first : second).get(SignatureNames.VIDEO),
              (b * 4 + t % 4) * frame, chunked, (b * 8 + t) * frame, frame);
        }
      }
      DirectGenerator.rounding(lres).assertClose(whole, chunked, "two chunks vs one unroll");
    }
  }

  @Test
  void generateUpsamplesTheWholeVideoOfTheFirstStage() throws Exception {
    float[] z = z(lres, 5);
    float[] zUp = z(sres, 6);
    Map<String, float[]> out = lowResInputs(z)
        .floats(SignatureNames.latent("sres"), Shape.of(B, sres.getLatentDim()), zUp)
        .run(model, SignatureNames.GENERATE);
    try (DirectGenerator low = new DirectGenerator(lres, chain.lresPrefix(), true);
        DirectGenerator up = new DirectGenerator(sres, chain.sresPrefix(), false,
            BuildMode.inference(), 8, 4)) {
      float[] lowVideo = low.run(z, LABELS, null);
      DirectGenerator.rounding(lres).assertClose(lowVideo,
          out.get(SignatureNames.video("lres")), "lres video");
      float[] expected = up.run(zUp, LABELS, lowVideo);
      DirectGenerator.rounding(lres, sres).assertClose(expected, out.get(SignatureNames.VIDEO),
          "whole-video upsampling");
    }
  }

  @Test
  void exportHoldsTheGeneratorsUnderTheirTrainingNamesAndTheConfigs() throws Exception {
    String variables = chain.model.resolve("variables/variables").toString();
    List<String> names = CheckpointIndex.read(variables)
        .tensors().stream().map(CheckpointTensor::name).toList();
    assertTrue(names.contains("lres/generator/stem/kernel"), names.toString());
    assertTrue(names.contains("sres/generator/stem/kernel"), names.toString());
    for (String n : names) {
      assertTrue(n.startsWith("lres/generator/") || n.startsWith("sres/generator/"),
          "only generator weights are exported, found " + n);
    }
    ModelManifest m = ModelManifest.read(chain.model);
    assertEquals(List.of(lres, sres), m.chain().stages());
    assertTrue(m.stages().get(0).ema());
    assertEquals(chain.sresPrefix(), m.stages().get(1).checkpoint());
    assertEquals(4, m.stages().get(1).temporalRadius());
    assertEquals(4, m.stages().get(0).statFrames());
  }

  @Test
  void exportRefusesAnExistingTarget() {
    assertThrows(IllegalArgumentException.class, () -> ModelExporter.export(List.of(
        new ModelExporter.Source(lres, chain.lresPrefix(), true)),
        ModelExporter.Options.DEFAULT, chain.model));
  }
}
