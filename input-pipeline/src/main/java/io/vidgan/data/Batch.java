package io.vidgan.data;

import java.util.Arrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * One batch of a replica's stream: videos {@code [B, T, H, W, 3]} in {@code [-1, 1]} as a
 * row-major float array, labels {@code [B]} (-1 unlabelled), the dataset index each example came
 * from, and for window pairs the low-res views {@code [B, T_lo, H_lo, W_lo, 3]}.
 */
public final class Batch {
  private final long index;
  private final float[] video;
  private final long[] videoShape;
  private final int[] labels;
  private final int[] sources;
  private final float[] lowRes;
  private final long[] lowResShape;

  Batch(long index, float[] video, long[] videoShape, int[] labels, int[] sources, float[] lowRes,
      long[] lowResShape) {
    this.index = index;
    this.video = video;
    this.videoShape = videoShape;
    this.labels = labels;
    this.sources = sources;
    this.lowRes = lowRes;
    this.lowResShape = lowResShape;
  }

  /** Position of this batch in its stream (0 for the first batch of a fresh stream). */
  public long index() {
    return index;
  }

  /** The videos, row-major {@link #videoShape()}; not copied. */
  public float[] video() {
    return video;
  }

  /** {@code {B, T, H, W, 3}}. */
  public long[] videoShape() {
    return videoShape.clone();
  }

  /** Class ids, -1 for unlabelled videos. */
  public int[] labels() {
    return labels.clone();
  }

  /** The dataset index of each example's video. */
  public int[] sources() {
    return sources.clone();
  }

  public boolean hasLowRes() {
    return lowRes != null;
  }

  /** The low-res views, row-major {@link #lowResShape()}; only for window pairs. */
  public float[] lowRes() {
    checkLowRes();
    return lowRes;
  }

  /** {@code {B, T_lo, H_lo, W_lo, 3}}; only for window pairs. */
  public long[] lowResShape() {
    checkLowRes();
    return lowResShape.clone();
  }

  /** A new tensor holding the videos; the caller closes it. */
  public TFloat32 videoTensor() {
    return TFloat32.tensorOf(Shape.of(videoShape), DataBuffers.of(video, true, false));
  }

  /** A new tensor holding the low-res views; the caller closes it. */
  public TFloat32 lowResTensor() {
    checkLowRes();
    return TFloat32.tensorOf(Shape.of(lowResShape), DataBuffers.of(lowRes, true, false));
  }

  /** A new {@code [B]} tensor holding the labels; the caller closes it. */
  public TInt32 labelTensor() {
    return TInt32.vectorOf(labels);
  }

  private void checkLowRes() {
    if (lowRes == null) {
      throw new IllegalStateException("batch " + index + " of clips has no low-res view "
          + Arrays.toString(videoShape));
    }
  }
}
