package io.vidgan.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.ops.BuildMode;
import io.vidgan.ops.testing.TfRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tensorflow.ndarray.Shape;

/**
 * Streaming long-video generation: the right number of frames, each equal to the frame the
 * stitching rule says, computed directly (one long unroll of the first stage, then each window
 * upsampled on its own).
 */
class LongVideoGeneratorTest {
  private static final int B = 2;
  private static final int[] LABELS = {0, 2};
  private static final int LOW_FRAME = 8 * 8 * 3;
  private static final int HIGH_FRAME = 16 * 16 * 3;

  static TinyChain chain;
  static ExportedModel model;

  @BeforeAll
  static void load() throws Exception {
    chain = TinyChain.get();
    model = ExportedModel.load(chain.model);
  }

  @AfterAll
  static void close() {
    model.close();
  }

  private static List<float[]> generate(int frames, float[] z, float[] zUp, int stride,
      int upsampleBatch) throws Exception {
    List<float[]> out = new ArrayList<>();
    new LongVideoGenerator(model, stride, upsampleBatch).generate(List.of(z, zUp), LABELS, frames,
        out::add);
    return out;
  }

  /** {@code [B, T, H, W, 3]} from time steps. */
  private static float[] video(List<float[]> steps) {
    return TimeSteps.stack(steps, B, HIGH_FRAME);
  }

  /**
   * 4x the chain's trained length (8 frames), and a length that is not a multiple of the time
   * factor; with the default overlapping windows and with non-overlapping ones; one window per
   * upsampling call, three, the default (four of this batch of two) and all of them in one call,
   * so calls fill, end part-full and span the whole video.
   */
  @ParameterizedTest
  @CsvSource({"32, 0, 8", "13, 0, 8", "32, 2, 8", "32, 0, 1", "13, 0, 6", "32, 2, 7", "13, 0, 16"})
  void everyFrameIsTheOneTheStitchingRuleGives(int frames, int stride, int upsampleBatch)
      throws Exception {
    float[] z = TfRun.gaussian(B * 8, 11);
    float[] zUp = TfRun.gaussian(B * 8, 12);
    List<float[]> steps = generate(frames, z, zUp, stride, upsampleBatch);
    assertEquals(frames, steps.size(), "frames made");
    for (float[] step : steps) {
      assertEquals(B * HIGH_FRAME, step.length);
      for (float x : step) {
        assertTrue(x >= -1 && x <= 1, "value " + x + " outside [-1, 1]");
      }
    }
    int low = Math.max((frames + 1) / 2, 2);
    try (DirectGenerator lres = new DirectGenerator(chain.lres, chain.lresPrefix(), true,
            BuildMode.inference(), low, 4);
        DirectGenerator sres = new DirectGenerator(chain.sres, chain.sresPrefix(), false)) {
      float[] lowVideo = lres.run(z, LABELS, null);
      WindowPlan plan = WindowPlan.of(low, 2,
          stride > 0 ? stride : model.manifest().stages().get(1).windowStride());
      float[] expected = Stitching.reference(plan, 2, lowVideo, B, LOW_FRAME, HIGH_FRAME,
          window -> sres.run(zUp, LABELS, window));
      float[] shown = new float[B * frames * HIGH_FRAME];
      for (int b = 0; b < B; b++) {
        System.arraycopy(expected, b * low * 2 * HIGH_FRAME, shown, b * frames * HIGH_FRAME,
            frames * HIGH_FRAME);
      }
      DirectGenerator.rounding(chain.lres, chain.sres).assertClose(shown, video(steps),
          "streamed frames");
    }
  }

  @Test
  void atTheTrainedLengthStreamingEqualsTheGenerateSignature() throws Exception {
    float[] z = TfRun.gaussian(B * 8, 21);
    float[] zUp = TfRun.gaussian(B * 8, 22);
    int trained = model.manifest().chain().trainedLength();
    float[] streamed = video(generate(trained, z, zUp, 0,
        LongVideoGenerator.DEFAULT_UPSAMPLE_BATCH));
    Map<String, float[]> out = new Calls()
        .floats(SignatureNames.Z, Shape.of(B, 8), z)
        .floats(SignatureNames.latent("sres"), Shape.of(B, 8), zUp)
        .ints(SignatureNames.LABELS, LABELS)
        .run(model, SignatureNames.GENERATE);
    assertEquals(8, trained);
    DirectGenerator.rounding(chain.lres, chain.sres).assertClose(out.get(SignatureNames.VIDEO),
        streamed, "streamed vs the generate signature");
  }

  @Test
  void refusesBadRequests() {
    float[] z = new float[B * 8];
    LongVideoGenerator g = new LongVideoGenerator(model, 0);
    assertThrows(IllegalArgumentException.class,
        () -> g.generate(List.of(z, z), LABELS, 0, f -> { }));
    assertThrows(IllegalArgumentException.class,
        () -> g.generate(List.of(z, z), null, 4, f -> { }), "the model is conditional");
    assertThrows(IllegalArgumentException.class,
        () -> g.generate(List.of(z), LABELS, 4, f -> { }), "one noise array per stage");
    assertThrows(IllegalArgumentException.class, () -> new LongVideoGenerator(model, 3),
        "stride above the window");
    assertThrows(IllegalArgumentException.class, () -> new LongVideoGenerator(model, 0, 0),
        "no windows per call");
  }
}
