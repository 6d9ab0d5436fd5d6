package io.vidgan.savedmodel;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import io.vidgan.graphs.config.StageConfig;
import java.io.IOException;
import java.util.List;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Generates videos of any length from an exported model, streaming: the first stage runs chunk
 * by chunk ({@link LowResStream}) and every super-resolution stage is slid over the video below
 * it a few windows at a time ({@link SlidingUpsampler}, stitched by {@link WindowPlan}), each
 * stage passing frames up as soon as they exist. Peak memory is that of one chunk and one
 * upsampling call per stage, whatever the length (SSW-GAN App. A; HVG §3.2).
 *
 * <pre>{@code
 * try (ExportedModel model = ExportedModel.load(Path.of("models/x"))) {
 *   new LongVideoGenerator(model, 0).generate(latents, labels, 500, frame -> writers.write(frame));
 * }
 * }</pre>
 */
public final class LongVideoGenerator {
  /**
   * Rows (videos x windows) of one super-resolution call unless chosen: enough to amortise the
   * per-call cost of a small stage at batch 1 (3.5 vs 10 ms per window, small preset).
   */
  public static final int DEFAULT_UPSAMPLE_BATCH = 8;

  private final ExportedModel model;
  private final StageChain chain;
  private final int windowStride;
  private final int upsampleBatch;

  /** A generator with the {@linkplain #DEFAULT_UPSAMPLE_BATCH default upsampling batch}. */
  public LongVideoGenerator(ExportedModel model, int windowStride) {
    this(model, windowStride, DEFAULT_UPSAMPLE_BATCH);
  }

  /**
   * @param windowStride low-res frames between windows of every super-resolution stage; 0 uses
   *     each stage's stride recorded at export (the one the {@value SignatureNames#GENERATE}
   *     signature uses)
   * @param upsampleBatch rows of one super-resolution call: {@code max(1, upsampleBatch / B)}
   *     windows of a batch of {@code B} videos are upsampled together; memory grows with it, not
   *     with the videos' length
   */
  public LongVideoGenerator(ExportedModel model, int windowStride, int upsampleBatch) {
    checkArgument(upsampleBatch >= 1, "upsample batch must be positive, got %s", upsampleBatch);
    this.model = model;
    this.upsampleBatch = upsampleBatch;
    this.chain = model.manifest().chain();
    for (StageConfig c : chain.superResolution()) {
      checkArgument(windowStride >= 0 && windowStride <= StageChain.window(c),
          "window stride %s does not fit stage '%s' (windows of %s frames)", windowStride,
          c.getName(), StageChain.window(c));
    }
    this.windowStride = windowStride;
  }

  /**
   * Generates {@code frames} frames of a batch of videos.
   *
   * @param latents one {@code [B, latent]} noise array per stage, first stage first
   * @param labels {@code [B]} classes, or null for an unconditional model
   * @param frames frames of the top stage to make, at least 1
   * @param sink receives exactly {@code frames} time steps of the top stage, in order
   */
  public void generate(List<float[]> latents, int[] labels, int frames, FrameSink sink)
      throws IOException {
    checkArgument(frames >= 1, "frames must be at least 1, got %s", frames);
    checkArgument(latents.size() == chain.stages().size(), "need %s noise arrays, got %s",
        chain.stages().size(), latents.size());
    checkArgument((labels != null) == (chain.numClasses() > 0),
        chain.numClasses() > 0 ? "the model is conditional: labels are needed"
            : "the model is unconditional: labels must be null");
    int batch = latents.get(0).length / chain.first().getLatentDim();
    for (int k = 0; k < latents.size(); k++) {
      int dim = chain.stages().get(k).getLatentDim();
      checkArgument(latents.get(k).length == batch * dim,
          "stage %s noise has %s values, expected %s x %s", k, latents.get(k).length, batch, dim);
    }
    int[] made = {0};
    FrameSink out = f -> {
      if (made[0]++ < frames) {
        sink.accept(f);
      }
    };
    int[] lengths = chain.lengthsFor(frames);
    for (int k = chain.stages().size() - 1; k > 0; k--) {
      StageConfig c = chain.stages().get(k);
      int stride = windowStride > 0 ? windowStride
          : model.manifest().stages().get(k).windowStride();
      out = new SlidingUpsampler(model, c,
          WindowPlan.of(lengths[k - 1], StageChain.window(c), stride), latents.get(k), labels,
          Math.max(1, upsampleBatch / batch), out);
    }
    try (TFloat32 z = Tensors.of(Shape.of(batch, chain.first().getLatentDim()), latents.get(0));
        TInt32 y = labels == null ? null : TInt32.vectorOf(labels)) {
      LowResStream.run(model, z, y, lengths[0], out);
    }
    checkState(made[0] >= frames, "the chain made %s frames, %s were asked", made[0], frames);
  }
}
