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
 * by chunk ({@link LowResStream}) and every super-resolution stage is applied to the whole video
 * below it, computed chunk by chunk with exact halos ({@link ChunkedUpsampler}, {@link
 * ChunkPlan}), each stage passing frames up as soon as they exist. The result equals one
 * whole-video application of every stage (HVG §3.2, "Inference"); peak memory is that of one
 * chunk per stage, whatever the length.
 *
 * <pre>{@code
 * try (ExportedModel model = ExportedModel.load(Path.of("models/x"))) {
 *   new LongVideoGenerator(model, 0).generate(latents, labels, 500, frame -> writers.write(frame));
 * }
 * }</pre>
 */
public final class LongVideoGenerator {
  private final ExportedModel model;
  private final StageChain chain;
  private final int chunk;

  /**
   * @param chunk low-res frames whose high-res frames one super-resolution call keeps (each call
   *     also computes its stage's halo on both sides); 0 uses {@link ChunkPlan#defaultChunk} per
   *     stage. Memory grows with it, not with the videos' length
   */
  public LongVideoGenerator(ExportedModel model, int chunk) {
    checkArgument(chunk >= 0, "chunk must be >= 0, got %s", chunk);
    this.model = model;
    this.chain = model.manifest().chain();
    this.chunk = chunk;
  }

  /** The plan stage {@code k} (a super-resolution stage) follows over {@code length} frames. */
  ChunkPlan plan(int k, int length) {
    StageConfig c = chain.stages().get(k);
    int halo = ChunkPlan.halo(model.manifest().stages().get(k).temporalRadius(),
        StageChain.timeFactor(c));
    return ChunkPlan.of(length, chunk > 0 ? chunk
        : ChunkPlan.defaultChunk(StageChain.window(c), halo), halo);
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
      out = new ChunkedUpsampler(model, chain.stages().get(k), plan(k, lengths[k - 1]),
          latents.get(k), labels, out);
    }
    try (TFloat32 z = Tensors.of(Shape.of(batch, chain.first().getLatentDim()), latents.get(0));
        TInt32 y = labels == null ? null : TInt32.vectorOf(labels)) {
      LowResStream.run(model, z, y, lengths[0], out);
    }
    checkState(made[0] >= frames, "the chain made %s frames, %s were asked", made[0], frames);
  }
}
