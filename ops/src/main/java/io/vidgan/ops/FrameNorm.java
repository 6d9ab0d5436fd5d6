package io.vidgan.ops;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.ops.Variables.State;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Batch normalisation with <b>per-frame</b> statistics and the caller's scale and shift: for a
 * video {@code [B, T, H, W, C]} the moments are taken over {@code (B, H, W)} separately for every
 * frame {@code t}, so normalisation never mixes information across time (DVD-GAN §3.1 and App. D;
 * SSW-GAN App. A: "per-frame mean/std"). The layers own the scale and shift ({@link BatchNorm}'s
 * learned, {@link ConditionalBatchNorm}'s predicted from the condition); this class owns no
 * trainable weights.
 *
 * <p>State: {@code moving_mean} and {@code moving_variance}, {@code [frames, C]}. In training
 * graphs, the first {@code apply} per graph (the first replica; with synchronous batch norm all
 * replicas see the same moments) updates them with {@code momentum} (PyTorch convention: {@code new =
 * (1 - m) old + m batch}, as BigGAN and HVG, written in PyTorch, use). Standing-statistics graphs
 * replace the update by a cumulative mean over the passes run since {@code count} was zero. Inference
 * uses the stored statistics of frame {@code min(t, frames - 1)}, so a generator unrolled past its
 * training length reuses the last frame's statistics unless they were re-estimated at that length.
 * A chunk of a long video that starts at frame {@code o} ({@link BuildMode#withFrameOffset}) reads
 * row {@code min(o + t, frames - 1)}.
 */
public final class FrameNorm {
  public static final float EPSILON_DEFAULT = 1e-5f;
  public static final float MOMENTUM_DEFAULT = 0.1f;

  private final BuildMode mode;
  private final int channels;
  private final int frames;
  private final Variable<TFloat32> movingMean;
  private final Variable<TFloat32> movingVariance;
  private final Variable<TFloat32> count;
  private boolean updateAttached;

  /**
   * @param f the norm layer's scope
   * @param channels {@code C}
   * @param frames number of frames with their own stored statistics
   */
  FrameNorm(LayerFactory f, int channels, int frames) {
    LayerFactory.checkPositive("channels", channels);
    LayerFactory.checkPositive("frames", frames);
    this.mode = f.mode();
    this.channels = channels;
    this.frames = frames;
    Shape statistics = Shape.of(frames, channels);
    this.movingMean = Variables.constant(f.tf(), State.MOVING_MEAN, statistics, 0f);
    this.movingVariance = Variables.constant(f.tf(), State.MOVING_VARIANCE, statistics, 1f);
    this.count = mode.kind() == BuildMode.Kind.STANDING_STATS
        ? Variables.constant(f.tf(), State.PASS_COUNT, Shape.scalar(), 0f) : null;
  }

  /**
   * Normalises {@code x} per frame and channel, then scales and shifts it per video and channel:
   * {@code (x - mean_t) / sqrt(var_t + eps) * gain + bias}. The per-frame {@code 1 / sqrt} and
   * the gain are multiplied first, on small tensors, so the video goes through three element-wise
   * ops instead of four (BN forward and backward 0.81-0.94x the time). The mean is still subtracted
   * from the video: folding it into the shift too ({@code x * scale + shift}, 0.63-0.71x) makes
   * the variance's gradient a difference of large sums, and G's gradients moved by 1e-3 relative
   * between 8 towers and 1 ({@code ReplicaEquivalenceTest}).
   *
   * @param tf the caller's scope
   * @param x {@code [B, T, H, W, C]}
   * @param gain broadcastable to {@code [B, 1, 1, 1, C]}
   * @param bias broadcastable to {@code [B, 1, 1, 1, C]}
   * @return same shape as {@code x}
   */
  Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, Operand<TFloat32> gain,
      Operand<TFloat32> bias) {
    Shape s = Resample.checkFrames(x);
    checkArgument(s.get(4) == channels, "expected %s channels, got %s", channels, s);
    checkArgument(s.get(1) >= 0 || !mode.usesBatchStatistics(),
        "batch statistics need a known number of frames, got %s", s);
    checkAffine("gain", gain);
    checkAffine("bias", bias);
    long t = s.get(1);
    Operand<TFloat32> mean;
    Operand<TFloat32> variance;
    List<Op> updates = List.of();
    if (mode.usesBatchStatistics()) {
      Operand<TFloat32> local = tf.stack(List.of(frameMean(tf, x), frameMean(tf,
          tf.math.square(x))));
      Operand<TFloat32> global = mode.momentsReducer().reduce(tf, local);
      List<Output<TFloat32>> moments = tf.unstack(global, 2L).output();
      mean = moments.get(0);
      Operand<TFloat32> meanSquare = moments.get(1);
      variance = tf.nn.relu(tf.math.sub(meanSquare, tf.math.square(mean)));
      if (t == frames && !updateAttached && mode.kind() != BuildMode.Kind.INFERENCE) {
        updates = movingUpdates(tf, mean, variance);
        updateAttached = true;
      }
    } else {
      Operand<TInt32> index = frameIndex(tf, x);
      mean = tf.gather(movingMean, index, tf.constant(0));
      variance = tf.gather(movingVariance, index, tf.constant(0));
    }
    Operand<TFloat32> rsqrt = tf.math.rsqrt(tf.math.add(variance, tf.constant(EPSILON_DEFAULT)));
    Operand<TFloat32> scale = tf.math.mul(perFrame(tf, rsqrt, t), gain);
    Ops out = updates.isEmpty() ? tf : tf.withControlDependencies(updates);
    return out.math.add(out.math.mul(out.math.sub(x, perFrame(tf, mean, t)), scale), bias);
  }

  /** A gain or bias must be {@code [C]} or {@code [B or 1, 1, 1, 1, C]}, never {@code [B, C]}. */
  private void checkAffine(String what, Operand<TFloat32> a) {
    Shape s = a.shape();
    boolean perChannel = s.numDimensions() == 1;
    boolean perVideo = s.numDimensions() == 5 && s.get(1) == 1 && s.get(2) == 1 && s.get(3) == 1;
    checkArgument((perChannel || perVideo) && s.get(s.numDimensions() - 1) == channels,
        "%s must be [%s] or [B, 1, 1, 1, %s], got %s", what, channels, channels, s);
  }

  private List<Op> movingUpdates(Ops tf, Operand<TFloat32> mean, Operand<TFloat32> variance) {
    boolean standing = mode.kind() == BuildMode.Kind.STANDING_STATS;
    Operand<TFloat32> rate = standing
        ? tf.math.div(tf.constant(1f), tf.math.add(count, tf.constant(1f)))
        : tf.constant(MOMENTUM_DEFAULT);
    Ops after = tf.withControlDependencies(List.of(
        tf.withName("update_moving_mean").assignSub(movingMean,
            tf.math.mul(rate, tf.math.sub(movingMean, mean))),
        tf.withName("update_moving_variance").assignSub(movingVariance,
            tf.math.mul(rate, tf.math.sub(movingVariance, variance)))));
    return List.of(standing
        ? after.withName("update_count").assignAdd(count, tf.constant(1f))
        : after.noOp());
  }

  /**
   * Mean over batch, height and width of each frame and channel: {@code [B, T, H, W, C] -> [T,
   * C]}, reduced as {@code [B, T, H*W, C]} over {@code H*W} then over {@code B}, which is 6x faster
   * on CPU than one reduction over axes {@code (0, 2, 3)}.
   */
  private static Operand<TFloat32> frameMean(Ops tf, Operand<TFloat32> x) {
    Shape s = x.shape();
    Operand<TFloat32> flat = tf.reshape(x, tf.constant(new long[] {-1, s.get(1),
        s.get(2) * s.get(3), s.get(4)}));
    return tf.math.mean(tf.math.mean(flat, tf.constant(2)), tf.constant(0));
  }

  /**
   * Stored-statistics row of each frame {@code i} of {@code x}: {@code min(offset + i, frames -
   * 1)}. The number of frames may be known only at run time.
   */
  private Operand<TInt32> frameIndex(Ops tf, Operand<TFloat32> x) {
    long t = x.shape().get(1);
    Operand<TInt32> length = t >= 0 ? tf.constant((int) t)
        : tf.reshape(tf.slice(tf.shape(x), tf.constant(new int[] {1}), tf.constant(new int[] {1})),
            tf.constant(new int[0]));
    Operand<TInt32> steps = tf.range(tf.constant(0), length, tf.constant(1));
    Operand<TInt32> offset = mode.frameOffset();
    Operand<TInt32> frame = offset == null ? steps : tf.math.add(steps, offset);
    return tf.math.minimum(frame, tf.constant(frames - 1));
  }

  /** {@code [T, C] -> [1, T, 1, 1, C]} for broadcasting against a video. */
  private Operand<TFloat32> perFrame(Ops tf, Operand<TFloat32> stat, long t) {
    return tf.reshape(stat, tf.constant(new long[] {1, t, 1, 1, channels}));
  }
}
