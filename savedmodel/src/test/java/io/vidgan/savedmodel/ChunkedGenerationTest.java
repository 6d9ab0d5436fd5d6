package io.vidgan.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.graphs.config.StageConfig;
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
 * Long-video generation equals one whole-video application of every stage (HVG §3.2,
 * "Inference"): the streamed, chunked frames against each stage's inference graph built for the
 * whole video at once (static length, no chunks, no frame offsets), restored from the exported
 * weights. Bounds are relative to the output's magnitude.
 */
class ChunkedGenerationTest {
  private static final int B = 2;
  private static final int[] LABELS = {0, 2};
  private static final double RELATIVE = 1e-5;

  static TinyChain chain;
  static ExportedModel two;
  static ExportedModel three;

  @BeforeAll
  static void load() throws Exception {
    chain = TinyChain.get();
    two = ExportedModel.load(chain.model);
    three = ExportedModel.load(chain.threeLevel());
  }

  @AfterAll
  static void close() {
    for (ExportedModel m : new ExportedModel[] {two, three}) {
      if (m != null) {
        m.close();
      }
    }
  }

  /**
   * From one frame to 8x the top stage's trained window (4 frames), lengths that are not
   * multiples of the time factor, with chunks of one low-res frame (every call cut on both sides)
   * and the default chunk.
   */
  @ParameterizedTest
  @CsvSource({"1, 0", "3, 1", "8, 1", "13, 0", "13, 1", "32, 0"})
  void twoLevelChunksEqualTheWholeVideo(int frames, int chunk) throws Exception {
    assertChunkedEqualsWhole(two, frames, chunk);
  }

  /** 40 frames: the default chunk (24 at the top stage, halo 6) still cuts every stage's video. */
  @ParameterizedTest
  @CsvSource({"1, 0", "3, 1", "11, 1", "40, 0"})
  void threeLevelChunksEqualTheWholeVideo(int frames, int chunk) throws Exception {
    assertChunkedEqualsWhole(three, frames, chunk);
  }

  @Test
  void theManifestRecordsEachStagesTemporalRadius() {
    assertEquals(4, two.manifest().stages().get(1).temporalRadius(),
        "two separable blocks, each two temporal convolutions of radius 1");
    assertEquals(6, three.manifest().stages().get(2).temporalRadius(), "three such blocks");
  }

  /** A halo one frame short of the radius changes frames: the comparison above can fail. */
  @Test
  void aHaloShortOfTheRadiusChangesTheVideo() throws Exception {
    LongVideoGenerator g = new LongVideoGenerator(two, 1);
    List<float[]> latents = latents(two, 31);
    float[] whole = whole(two, latents, 24);
    ChunkPlan exact = g.plan(1, 12);
    assertEquals(2, exact.chunks().get(5).keepFrom() - exact.chunks().get(5).from());
    List<float[]> steps = new ArrayList<>();
    ChunkedUpsampler shortHalo = new ChunkedUpsampler(two, two.manifest().chain().stages().get(1),
        ChunkPlan.of(12, 1, 1), latents.get(1), LABELS, steps::add);
    try (DirectGenerator lres = reference(two, 0, 12)) {
      float[] low = lres.run(latents.get(0), LABELS, null);
      for (int t = 0; t < 12; t++) {
        shortHalo.accept(TimeSteps.step(low, 0, B, 12, 8 * 8 * 3, t));
      }
    }
    float[] chunked = TimeSteps.stack(steps, B, 16 * 16 * 3);
    assertTrue(TfRun.maxAbsDiff(whole, chunked) > 1e-3, "a short halo must show");
  }

  @Test
  void atTheTrainedLengthStreamingEqualsTheGenerateSignature() throws Exception {
    List<float[]> latents = latents(two, 21);
    int trained = two.manifest().chain().trainedLength();
    float[] streamed = streamed(two, latents, trained, 0);
    Map<String, float[]> out = new Calls()
        .floats(SignatureNames.Z, Shape.of(B, 8), latents.get(0))
        .floats(SignatureNames.latent("sres"), Shape.of(B, 8), latents.get(1))
        .ints(SignatureNames.LABELS, LABELS)
        .run(two, SignatureNames.GENERATE);
    assertEquals(8, trained);
    assertTrue(TfRun.maxAbsDiff(out.get(SignatureNames.VIDEO), streamed) <= RELATIVE);
  }

  @Test
  void refusesBadRequests() {
    float[] z = new float[B * 8];
    LongVideoGenerator g = new LongVideoGenerator(two, 0);
    assertThrows(IllegalArgumentException.class,
        () -> g.generate(List.of(z, z), LABELS, 0, f -> { }));
    assertThrows(IllegalArgumentException.class,
        () -> g.generate(List.of(z, z), null, 4, f -> { }), "the model is conditional");
    assertThrows(IllegalArgumentException.class,
        () -> g.generate(List.of(z), LABELS, 4, f -> { }), "one noise array per stage");
    assertThrows(IllegalArgumentException.class, () -> new LongVideoGenerator(two, -1));
  }

  private static void assertChunkedEqualsWhole(ExportedModel model, int frames, int chunk)
      throws Exception {
    List<float[]> latents = latents(model, 11 + frames);
    float[] actual = streamed(model, latents, frames, chunk);
    float[] expected = whole(model, latents, frames);
    StageConfig top = model.manifest().chain().top();
    int frameSize = top.getVideo().getHeight() * top.getVideo().getWidth() * 3;
    int made = expected.length / (B * frameSize);
    double magnitude = 0;
    double diff = 0;
    for (int b = 0; b < B; b++) {
      for (int i = 0; i < frames * frameSize; i++) {
        float e = expected[b * made * frameSize + i];
        magnitude = Math.max(magnitude, Math.abs(e));
        diff = Math.max(diff, Math.abs(e - actual[b * frames * frameSize + i]));
      }
    }
    System.out.printf("%s frames, chunk %s: max abs diff %.3g, output magnitude %.3g%n", frames,
        chunk, diff, magnitude);
    assertTrue(magnitude > 0.05, "a video that is not blank, got " + magnitude);
    assertTrue(diff <= RELATIVE * magnitude, "max abs diff " + diff + " vs magnitude "
        + magnitude);
  }

  /** {@code [B, frames, H, W, 3]} made by {@link LongVideoGenerator}. */
  private static float[] streamed(ExportedModel model, List<float[]> latents, int frames,
      int chunk) throws Exception {
    List<float[]> steps = new ArrayList<>();
    new LongVideoGenerator(model, chunk).generate(latents, LABELS, frames, steps::add);
    assertEquals(frames, steps.size(), "frames made");
    StageConfig top = model.manifest().chain().top();
    return TimeSteps.stack(steps, B, top.getVideo().getHeight() * top.getVideo().getWidth() * 3);
  }

  /**
   * The chain's video for {@code frames} output frames: the first stage's video of {@code
   * ceil(frames / time factors)} frames, every stage applied at once to all of the video below.
   */
  private static float[] whole(ExportedModel model, List<float[]> latents, int frames)
      throws Exception {
    StageChain c = model.manifest().chain();
    int[] lengths = c.lengthsFor(frames);
    float[] video;
    try (DirectGenerator lres = reference(model, 0, lengths[0])) {
      video = lres.run(latents.get(0), LABELS, null);
    }
    int length = lengths[0];
    for (int k = 1; k < lengths.length; k++) {
      length *= StageChain.timeFactor(c.stages().get(k));
      try (DirectGenerator up = reference(model, k, length)) {
        video = up.run(latents.get(k), LABELS, video);
      }
    }
    return video;
  }

  /** Stage {@code k} making {@code frames} frames at once, from the exported weights. */
  private static DirectGenerator reference(ExportedModel model, int k, int frames)
      throws Exception {
    ModelManifest.Stage s = model.manifest().stages().get(k);
    String prefix = model.dir().resolve("variables/variables").toString();
    return new DirectGenerator(s.config(), prefix, false, BuildMode.inference(), frames,
        s.statFrames());
  }

  private static List<float[]> latents(ExportedModel model, long seed) {
    List<float[]> latents = new ArrayList<>();
    for (StageConfig c : model.manifest().chain().stages()) {
      latents.add(TfRun.gaussian(B * c.getLatentDim(), seed++));
    }
    return latents;
  }
}
