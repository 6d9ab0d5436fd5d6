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
 * A super-resolution stage slid over a stream of low-res frames by its {@link WindowPlan}: frames
 * are buffered until the next window is complete, the window is upsampled (signature {@code
 * upsample_<stage>}) and its kept high-res frames are passed on at once. At most one window of
 * low-res frames is held, so memory does not grow with the video's length. Frames past the
 * plan's length are ignored.
 */
final class SlidingUpsampler implements FrameSink {
  private final ExportedModel model;
  private final String signature;
  private final WindowPlan plan;
  private final TFloat32 z;
  private final TInt32 labels;
  private final FrameSink next;
  private final int batch;
  private final int lowFrameSize;
  private final Shape windowShape;
  private final int timeFactor;
  private final int highFrames;
  private final int highFrameSize;
  /** Low-res frames {@code [first, received)}, oldest first. */
  private final Deque<float[]> buffer = new ArrayDeque<>();
  private int first;
  private int received;
  private int nextWindow;

  /**
   * @param z {@code [B, latent]}, the same for every window of a video (caller owns it)
   * @param labels {@code [B]}, or null for unconditional models (caller owns it)
   * @param next receives the stitched high-res frames
   */
  SlidingUpsampler(ExportedModel model, StageConfig stage, WindowPlan plan, TFloat32 z,
      TInt32 labels, FrameSink next) {
    this.model = model;
    this.signature = SignatureNames.upsample(stage.getName());
    this.plan = plan;
    this.z = z;
    this.labels = labels;
    this.next = next;
    this.batch = Math.toIntExact(z.shape().get(0));
    VideoShape low = StageConfigs.lowResShape(stage);
    this.lowFrameSize = low.getHeight() * low.getWidth() * 3;
    this.windowShape = Shape.of(batch, low.getFrames(), low.getHeight(), low.getWidth(), 3);
    this.timeFactor = StageChain.timeFactor(stage);
    VideoShape high = stage.getVideo();
    this.highFrames = high.getFrames();
    this.highFrameSize = high.getHeight() * high.getWidth() * 3;
  }

  @Override
  public void accept(float[] frame) throws IOException {
    if (received >= plan.length()) {
      return;
    }
    buffer.addLast(frame);
    received++;
    List<WindowPlan.Window> windows = plan.windows();
    while (nextWindow < windows.size()
        && windows.get(nextWindow).start() + plan.window() <= received) {
      emit(windows.get(nextWindow));
      nextWindow++;
      int keepFrom = nextWindow < windows.size() ? windows.get(nextWindow).start() : received;
      while (first < keepFrom) {
        buffer.removeFirst();
        first++;
      }
    }
  }

  private void emit(WindowPlan.Window w) throws IOException {
    List<float[]> steps = new ArrayList<>(buffer).subList(w.start() - first,
        w.start() - first + plan.window());
    float[] video;
    try (TFloat32 window = Tensors.of(windowShape, TimeSteps.stack(steps, batch, lowFrameSize));
        Result out = model.call(signature, inputs(window))) {
      video = Tensors.values(out.get(SignatureNames.VIDEO).orElseThrow());
    }
    for (int t = w.keepFrom(); t < w.keepTo(); t++) {
      for (int r = 0; r < timeFactor; r++) {
        int local = (t - w.start()) * timeFactor + r;
        next.accept(TimeSteps.step(video, batch, highFrames, highFrameSize, local));
      }
    }
  }

  private Map<String, Tensor> inputs(TFloat32 window) {
    Map<String, Tensor> in = new LinkedHashMap<>();
    in.put(SignatureNames.LOW_RES, window);
    in.put(SignatureNames.Z, z);
    if (labels != null) {
      in.put(SignatureNames.LABELS, labels);
    }
    return in;
  }
}
