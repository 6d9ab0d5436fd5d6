package io.vidgan.savedmodel;

import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.graphs.config.VideoShape;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A super-resolution stage applied to a stream of low-res frames as to the whole video, chunk by
 * chunk by its {@link ChunkPlan}: frames are buffered until the next chunk's input is complete,
 * the chunk is upsampled in one call (signature {@code upsample_<stage>} with the {@code
 * frame_offset} of its first output frame) and its kept high-res frames are passed on. At most
 * one chunk's input is held, so memory does not grow with the video's length. Frames past the
 * plan's length are ignored.
 */
final class ChunkedUpsampler implements FrameSink {
  private final ExportedModel model;
  private final String signature;
  private final ChunkPlan plan;
  private final float[] z;
  private final int[] labels;
  private final FrameSink next;
  private final int batch;
  private final VideoShape low;
  private final int lowFrameSize;
  private final int timeFactor;
  private final int highFrameSize;
  /** Low-res frames {@code [first, received)}, oldest first. */
  private final Deque<float[]> buffer = new ArrayDeque<>();
  private int first;
  private int received;
  private int nextChunk;

  /**
   * @param z {@code [B, latent]}, one per video for the whole video
   * @param labels {@code [B]}, or null for unconditional models
   * @param next receives the high-res frames in order
   */
  ChunkedUpsampler(ExportedModel model, StageConfig stage, ChunkPlan plan, float[] z,
      int[] labels, FrameSink next) {
    this.model = model;
    this.signature = SignatureNames.upsample(stage.getName());
    this.plan = plan;
    this.z = z;
    this.labels = labels;
    this.next = next;
    this.batch = z.length / stage.getLatentDim();
    this.low = StageConfigs.lowResShape(stage);
    this.lowFrameSize = low.getHeight() * low.getWidth() * 3;
    this.timeFactor = StageChain.timeFactor(stage);
    this.highFrameSize = stage.getVideo().getHeight() * stage.getVideo().getWidth() * 3;
  }

  @Override
  public void accept(float[] frame) throws IOException {
    if (received >= plan.length()) {
      return;
    }
    buffer.addLast(frame);
    received++;
    List<ChunkPlan.Chunk> chunks = plan.chunks();
    while (nextChunk < chunks.size() && chunks.get(nextChunk).to() <= received) {
      emit(chunks.get(nextChunk++));
      int keepFrom = nextChunk < chunks.size() ? chunks.get(nextChunk).from() : received;
      while (first < keepFrom) {
        buffer.removeFirst();
        first++;
      }
    }
  }

  /** Upsamples the low-res frames of {@code c} and passes on the frames it keeps. */
  private void emit(ChunkPlan.Chunk c) throws IOException {
    int frames = c.to() - c.from();
    List<float[]> steps = new ArrayList<>(buffer).subList(c.from() - first, c.to() - first);
    float[] video;
    try (TFloat32 lowRes = Tensors.of(Shape.of(batch, frames, low.getHeight(), low.getWidth(),
            3), TimeSteps.stack(steps, batch, lowFrameSize));
        TFloat32 zs = Tensors.of(Shape.of(batch, z.length / batch), z);
        TInt32 ys = labels == null ? null : TInt32.vectorOf(labels);
        TInt32 offset = TInt32.scalarOf(c.from() * timeFactor);
        Result out = model.call(signature, inputs(lowRes, zs, ys, offset))) {
      video = Tensors.values(out.get(SignatureNames.VIDEO).orElseThrow());
    }
    int highFrames = frames * timeFactor;
    for (int t = (c.keepFrom() - c.from()) * timeFactor;
        t < (c.keepTo() - c.from()) * timeFactor; t++) {
      next.accept(TimeSteps.step(video, 0, batch, highFrames, highFrameSize, t));
    }
  }

  private static Map<String, Tensor> inputs(TFloat32 lowRes, TFloat32 z, TInt32 labels,
      TInt32 offset) {
    Map<String, Tensor> in = new LinkedHashMap<>();
    in.put(SignatureNames.LOW_RES, lowRes);
    in.put(SignatureNames.Z, z);
    if (labels != null) {
      in.put(SignatureNames.LABELS, labels);
    }
    in.put(SignatureNames.FRAME_OFFSET, offset);
    return in;
  }
}
