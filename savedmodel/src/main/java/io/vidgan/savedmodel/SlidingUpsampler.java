package io.vidgan.savedmodel;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.primitives.Floats;
import com.google.common.primitives.Ints;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.graphs.config.VideoShape;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
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
 * are buffered until the next {@code windowsPerCall} windows are complete, those windows are
 * upsampled in one call (signature {@code upsample_<stage>}, the windows stacked along the batch)
 * and their kept high-res frames are passed on at once. Inference reads stored statistics, so a
 * window's output does not depend on the others in its call; calling on several windows only
 * amortises the per-call cost, which dominates small stages (10 ms for one window of the small
 * preset, 3.5 ms each for eight). At most {@code windowsPerCall} windows of low-res frames are
 * held, so memory does not grow with the video's length. Frames past the plan's length are
 * ignored.
 */
final class SlidingUpsampler implements FrameSink {
  private final ExportedModel model;
  private final String signature;
  private final WindowPlan plan;
  private final float[] z;
  private final int[] labels;
  private final FrameSink next;
  private final int batch;
  private final int windowsPerCall;
  private final int lowFrameSize;
  private final VideoShape low;
  private final int timeFactor;
  private final int highFrames;
  private final int highFrameSize;
  /** Low-res frames {@code [first, received)}, oldest first. */
  private final Deque<float[]> buffer = new ArrayDeque<>();
  private int first;
  private int received;
  private int nextWindow;

  /**
   * @param z {@code [B, latent]}, the same for every window of a video
   * @param labels {@code [B]}, or null for unconditional models
   * @param windowsPerCall windows upsampled together, at least 1
   * @param next receives the stitched high-res frames
   */
  SlidingUpsampler(ExportedModel model, StageConfig stage, WindowPlan plan, float[] z,
      int[] labels, int windowsPerCall, FrameSink next) {
    checkArgument(windowsPerCall >= 1, "windowsPerCall must be positive, got %s", windowsPerCall);
    this.model = model;
    this.signature = SignatureNames.upsample(stage.getName());
    this.plan = plan;
    this.z = z;
    this.labels = labels;
    this.next = next;
    this.batch = z.length / stage.getLatentDim();
    this.windowsPerCall = windowsPerCall;
    this.low = StageConfigs.lowResShape(stage);
    this.lowFrameSize = low.getHeight() * low.getWidth() * 3;
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
    while (nextWindow < windows.size()) {
      int end = Math.min(nextWindow + windowsPerCall, windows.size());
      if (windows.get(end - 1).start() + plan.window() > received) {
        return;
      }
      emit(windows.subList(nextWindow, end));
      nextWindow = end;
      int keepFrom = nextWindow < windows.size() ? windows.get(nextWindow).start() : received;
      while (first < keepFrom) {
        buffer.removeFirst();
        first++;
      }
    }
  }

  /** Upsamples {@code group} in one call and passes on the frames each window keeps. */
  private void emit(List<WindowPlan.Window> group) throws IOException {
    int n = group.size();
    int rows = n * batch;
    List<float[]> buffered = new ArrayList<>(buffer);
    float[] lowRes = new float[rows * plan.window() * lowFrameSize];
    for (int j = 0; j < n; j++) {
      int from = group.get(j).start() - first;
      TimeSteps.stack(buffered.subList(from, from + plan.window()), batch, lowFrameSize, lowRes,
          j * batch);
    }
    float[] video;
    try (TFloat32 windows = Tensors.of(Shape.of(rows, plan.window(), low.getHeight(),
            low.getWidth(), 3), lowRes);
        TFloat32 zs = Tensors.of(Shape.of(rows, z.length / batch),
            Floats.concat(Collections.nCopies(n, z).toArray(new float[0][])));
        TInt32 ys = labels == null ? null
            : TInt32.vectorOf(Ints.concat(Collections.nCopies(n, labels).toArray(new int[0][])));
        Result out = model.call(signature, inputs(windows, zs, ys))) {
      video = Tensors.values(out.get(SignatureNames.VIDEO).orElseThrow());
    }
    for (int j = 0; j < n; j++) {
      WindowPlan.Window w = group.get(j);
      for (int t = w.keepFrom(); t < w.keepTo(); t++) {
        for (int r = 0; r < timeFactor; r++) {
          int local = (t - w.start()) * timeFactor + r;
          next.accept(TimeSteps.step(video, j * batch, batch, highFrames, highFrameSize, local));
        }
      }
    }
  }

  private static Map<String, Tensor> inputs(TFloat32 windows, TFloat32 z, TInt32 labels) {
    Map<String, Tensor> in = new LinkedHashMap<>();
    in.put(SignatureNames.LOW_RES, windows);
    in.put(SignatureNames.Z, z);
    if (labels != null) {
      in.put(SignatureNames.LABELS, labels);
    }
    return in;
  }
}
