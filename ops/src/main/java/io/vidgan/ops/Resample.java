package io.vidgan.ops;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.StridedSlice;
import org.tensorflow.op.nn.AvgPool3d;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Reshaping and resampling of videos {@code [B, T, H, W, C]}: folding frames into the batch,
 * nearest-neighbour resizing in space and time, and average pooling.
 *
 * <p>Nearest-neighbour downsampling by {@code f} keeps pixel {@code f*i} (and frame {@code f*t}):
 * the rule of TF's {@code resize_nearest_neighbor} without corner alignment. The input pipeline
 * makes the low-res view of super-resolution training pairs with the same rule.
 */
public final class Resample {
  private Resample() {}

  /** {@code [B, T, H, W, C] -> [B*T, H, W, C]}. */
  public static Operand<TFloat32> foldFrames(Ops tf, Operand<TFloat32> x) {
    Shape s = checkFrames(x);
    return tf.reshape(x, tf.constant(new long[] {-1, s.get(2), s.get(3), s.get(4)}));
  }

  /** {@code [B*T, H, W, C] -> [B, T, H, W, C]}. */
  public static Operand<TFloat32> unfoldFrames(Ops tf, Operand<TFloat32> x, long frames) {
    Shape s = x.shape();
    checkArgument(s.numDimensions() == 4, "expected [B*T, H, W, C], got %s", s);
    return tf.reshape(x, tf.constant(new long[] {-1, frames, s.get(1), s.get(2), s.get(3)}));
  }

  /**
   * {@code [B*T, H, W, C] -> [B, T, H, W, C]} with {@code B} and {@code T} those of {@code video},
   * whose length may be known only at run time.
   */
  public static Operand<TFloat32> unfoldFrames(Ops tf, Operand<TFloat32> x,
      Operand<TFloat32> video) {
    Shape s = x.shape();
    checkArgument(s.numDimensions() == 4, "expected [B*T, H, W, C], got %s", s);
    return like(tf, x, video, 1, s.get(1), s.get(2), s.get(3));
  }

  /** Nearest-neighbour spatial upsampling by an integer factor. */
  public static Operand<TFloat32> upsampleSpace(Ops tf, Operand<TFloat32> x, int factor) {
    Shape s = checkFrames(x);
    checkArgument(factor >= 1, "factor must be >= 1, got %s", factor);
    if (factor == 1) {
      return x;
    }
    long[] five = {-1, s.get(2), 1, s.get(3), 1, s.get(4)};
    Operand<TFloat32> y = tf.reshape(x, tf.constant(five));
    y = tf.tile(y, tf.constant(new int[] {1, 1, factor, 1, factor, 1}));
    return like(tf, y, x, 1, s.get(2) * factor, s.get(3) * factor, s.get(4));
  }

  /** Nearest-neighbour spatial downsampling by an integer factor: keeps pixel {@code f*i}. */
  public static Operand<TFloat32> downsampleSpace(Ops tf, Operand<TFloat32> x, int factor) {
    Shape s = checkFrames(x);
    checkArgument(factor >= 1 && s.get(2) % factor == 0 && s.get(3) % factor == 0,
        "cannot downsample %s by %s", s, factor);
    if (factor == 1) {
      return x;
    }
    return stride(tf, x, new int[] {1, 1, factor, factor, 1});
  }

  /** Nearest-neighbour temporal upsampling: every frame repeated {@code factor} times. */
  public static Operand<TFloat32> repeatFrames(Ops tf, Operand<TFloat32> x, int factor) {
    Shape s = checkFrames(x);
    checkArgument(factor >= 1, "factor must be >= 1, got %s", factor);
    if (factor == 1) {
      return x;
    }
    long[] five = {-1, 1, s.get(2), s.get(3), s.get(4)};
    Operand<TFloat32> y = tf.tile(tf.reshape(x, tf.constant(five)),
        tf.constant(new int[] {1, factor, 1, 1, 1}));
    return like(tf, y, x, factor, s.get(2), s.get(3), s.get(4));
  }

  /** Temporal subsampling: keeps frame {@code f*t}. */
  public static Operand<TFloat32> subsampleFrames(Ops tf, Operand<TFloat32> x, int factor) {
    Shape s = checkVideo(x);
    checkArgument(factor >= 1, "factor must be >= 1, got %s", factor);
    if (factor == 1) {
      return x;
    }
    return stride(tf, x, new int[] {1, factor, 1, 1, 1});
  }

  /** Spatial average pooling with a {@code factor x factor} window and stride (time untouched). */
  public static Operand<TFloat32> avgPoolSpace(Ops tf, Operand<TFloat32> x, int factor) {
    Shape s = checkVideo(x);
    checkArgument(factor >= 1 && s.get(2) % factor == 0 && s.get(3) % factor == 0,
        "cannot average-pool %s by %s", s, factor);
    if (factor == 1) {
      return x;
    }
    List<Long> window = List.of(1L, 1L, (long) factor, (long) factor, 1L);
    return tf.nn.avgPool3d(x, window, window, "VALID", AvgPool3d.dataFormat("NDHWC"));
  }

  /** {@code x[::s0, ::s1, ::s2, ::s3, ::s4]}. */
  private static Operand<TFloat32> stride(Ops tf, Operand<TFloat32> x, int[] strides) {
    long all = (1L << strides.length) - 1;
    // int32 indices: the C++ StridedSlice gradient builds int32 shapes and rejects int64 ones.
    return tf.stridedSlice(x, tf.constant(new int[strides.length]),
        tf.constant(new int[strides.length]), tf.constant(strides),
        StridedSlice.beginMask(all), StridedSlice.endMask(all));
  }

  /**
   * {@code x} reshaped to {@code [B, T * timeFactor, h, w, c]}, {@code B} and {@code T} those of
   * {@code video}. With {@code T} unknown until run time the shape is computed in the graph and
   * {@code h, w, c} are restored as static dimensions.
   */
  private static Operand<TFloat32> like(Ops tf, Operand<TFloat32> x, Operand<TFloat32> video,
      int timeFactor, long h, long w, long c) {
    long t = video.shape().get(1);
    if (t >= 0) {
      return tf.reshape(x, tf.constant(new long[] {-1, t * timeFactor, h, w, c}));
    }
    Operand<TInt64> bt = tf.slice(tf.shape(video, TInt64.class), tf.constant(new long[] {0}),
        tf.constant(new long[] {2}));
    Operand<TInt64> dims = tf.concat(List.of(tf.math.mul(bt, tf.constant(new long[] {1,
        timeFactor})), tf.constant(new long[] {h, w, c})), tf.constant(0));
    return tf.ensureShape(tf.reshape(x, dims), Shape.of(-1, -1, h, w, c));
  }

  /**
   * Checks {@code x} is a video with static {@code H, W, C}, its length {@code T} possibly known
   * only at run time (a convolutional generator applied to a clip of any length); returns its
   * shape.
   */
  public static Shape checkFrames(Operand<TFloat32> x) {
    Shape s = x.shape();
    checkArgument(s.numDimensions() == 5 && !s.subShape(2, 5).hasUnknownDimension(),
        "expected a video [B, T, H, W, C] with known H, W, C, got %s", s);
    return s;
  }

  /** Checks {@code x} is a video with static {@code T, H, W, C}; returns its shape. */
  public static Shape checkVideo(Operand<TFloat32> x) {
    Shape s = x.shape();
    checkArgument(s.numDimensions() == 5 && !s.subShape(1, 5).hasUnknownDimension(),
        "expected a video [B, T, H, W, C] with known T, H, W, C, got %s", s);
    return s;
  }
}
