package io.vidgan.ops;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.StridedSlice;
import org.tensorflow.op.nn.AvgPool3d;
import org.tensorflow.types.TFloat32;

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
    Shape s = checkVideo(x);
    return tf.reshape(x, tf.constant(new long[] {-1, s.get(2), s.get(3), s.get(4)}));
  }

  /** {@code [B*T, H, W, C] -> [B, T, H, W, C]}. */
  public static Operand<TFloat32> unfoldFrames(Ops tf, Operand<TFloat32> x, long frames) {
    Shape s = x.shape();
    checkArgument(s.numDimensions() == 4, "expected [B*T, H, W, C], got %s", s);
    return tf.reshape(x, tf.constant(new long[] {-1, frames, s.get(1), s.get(2), s.get(3)}));
  }

  /** Nearest-neighbour spatial upsampling by an integer factor. */
  public static Operand<TFloat32> upsampleSpace(Ops tf, Operand<TFloat32> x, int factor) {
    Shape s = checkVideo(x);
    checkArgument(factor >= 1, "factor must be >= 1, got %s", factor);
    if (factor == 1) {
      return x;
    }
    long[] six = {-1, s.get(1), s.get(2), 1, s.get(3), 1, s.get(4)};
    Operand<TFloat32> y = tf.reshape(x, tf.constant(six));
    y = tf.tile(y, tf.constant(new int[] {1, 1, 1, factor, 1, factor, 1}));
    return tf.reshape(y, tf.constant(new long[] {-1, s.get(1), s.get(2) * factor,
        s.get(3) * factor, s.get(4)}));
  }

  /** Nearest-neighbour spatial downsampling by an integer factor: keeps pixel {@code f*i}. */
  public static Operand<TFloat32> downsampleSpace(Ops tf, Operand<TFloat32> x, int factor) {
    Shape s = checkVideo(x);
    checkArgument(factor >= 1 && s.get(2) % factor == 0 && s.get(3) % factor == 0,
        "cannot downsample %s by %s", s, factor);
    if (factor == 1) {
      return x;
    }
    return stride(tf, x, new int[] {1, 1, factor, factor, 1});
  }

  /** Nearest-neighbour temporal upsampling: every frame repeated {@code factor} times. */
  public static Operand<TFloat32> repeatFrames(Ops tf, Operand<TFloat32> x, int factor) {
    Shape s = checkVideo(x);
    checkArgument(factor >= 1, "factor must be >= 1, got %s", factor);
    if (factor == 1) {
      return x;
    }
    long[] six = {-1, s.get(1), 1, s.get(2), s.get(3), s.get(4)};
    Operand<TFloat32> y = tf.tile(tf.reshape(x, tf.constant(six)),
        tf.constant(new int[] {1, 1, factor, 1, 1, 1}));
    return tf.reshape(y, tf.constant(new long[] {-1, s.get(1) * factor, s.get(2), s.get(3),
        s.get(4)}));
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

  /** Checks {@code x} is a video with static {@code T, H, W, C}; returns its shape. */
  public static Shape checkVideo(Operand<TFloat32> x) {
    Shape s = x.shape();
    checkArgument(s.numDimensions() == 5 && !s.subShape(1, 5).hasUnknownDimension(),
        "expected a video [B, T, H, W, C] with known T, H, W, C, got %s", s);
    return s;
  }
}
