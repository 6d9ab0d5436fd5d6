package io.vidgan.data.io;

import static com.google.common.base.Preconditions.checkArgument;

import java.math.BigInteger;
import java.util.Arrays;

/**
 * When each frame of a video stream is shown: the presentation timestamps of its packets in
 * display order, the time base they count in, and where the last frame ends. It numbers frames
 * and maps a clip request to the decoded frames that make it, at the native rate or resampled.
 *
 * <p>Resampling to {@code fps} follows FFmpeg's {@code fps} filter with its defaults (rounding to
 * the nearest output tick, starting at the first frame, ending where the last frame ends): frame
 * {@code i} lands on tick {@code r_i = round((t_i - t_0) * fps)}, output frame {@code k} shows the
 * last frame with {@code r_i <= k} (frames are repeated or dropped to fit), and there are {@code
 * round((t_end - t_0) * fps)} output frames.
 */
public final class FrameTimeline {
  /** {@code fps} is taken to this many decimals, so that ticks are computed exactly. */
  private static final long FPS_SCALE = 1_000_000;

  private final long[] pts;
  private final long end;
  private final long timeBaseNum;
  private final long timeBaseDen;

  /**
   * @param pts presentation timestamps of the frames, in any order (sorted here)
   * @param end where the last frame ends, same unit
   * @param timeBaseNum the stream's time base is {@code timeBaseNum / timeBaseDen} seconds
   */
  public FrameTimeline(long[] pts, long end, long timeBaseNum, long timeBaseDen) {
    checkArgument(timeBaseNum > 0 && timeBaseDen > 0, "bad time base %s/%s", timeBaseNum,
        timeBaseDen);
    this.pts = pts.clone();
    Arrays.sort(this.pts);
    checkArgument(this.pts.length == 0 || end > this.pts[this.pts.length - 1],
        "the last frame must end after it starts");
    this.end = end;
    this.timeBaseNum = timeBaseNum;
    this.timeBaseDen = timeBaseDen;
  }

  /** Number of frames at the native rate. */
  public int frames() {
    return pts.length;
  }

  /** Number of frames at {@code fps}, or at the native rate when {@code fps} is 0. */
  public int frames(double fps) {
    if (fps == 0 || pts.length == 0) {
      return pts.length;
    }
    return Math.toIntExact(tick(end, fps));
  }

  /** Presentation timestamp of native frame {@code i}. */
  public long pts(int i) {
    return pts[i];
  }

  /** The native frame shown at exactly {@code timestamp}, or -1 if none is. */
  public int indexOf(long timestamp) {
    int i = Arrays.binarySearch(pts, timestamp);
    return i < 0 ? -1 : i;
  }

  /** Average native frame rate, frames per second (0 for fewer than two frames). */
  public double nativeRate() {
    return pts.length < 2 ? 0
        : pts.length * (double) timeBaseDen / ((end - pts[0]) * (double) timeBaseNum);
  }

  /**
   * The native frames that make frames {@code from, from + stride, ...} ({@code count} of them) at
   * {@code fps} (0: native rate); non-decreasing, repeated where resampling repeats a frame.
   */
  public int[] sources(int from, int count, int stride, double fps) {
    checkArgument(from >= 0 && count >= 0 && stride >= 1, "bad clip %s+%sx%s", from, count,
        stride);
    checkArgument(count == 0 || from + (long) (count - 1) * stride < frames(fps),
        "clip %s+%sx%s beyond the %s frames", from, count, stride, frames(fps));
    int[] sources = new int[count];
    int i = 0;
    for (int k = 0; k < count; k++) {
      int frame = from + k * stride;
      if (fps == 0) {
        sources[k] = frame;
        continue;
      }
      while (i + 1 < pts.length && tick(pts[i + 1], fps) <= frame) {
        i++;
      }
      sources[k] = i;
    }
    return sources;
  }

  /**
   * Output tick of a timestamp, in exact arithmetic rounded to the nearest, halves up (FFmpeg's
   * {@code av_rescale_q_rnd} with {@code AV_ROUND_NEAR_INF}; timestamps here are not negative).
   */
  private long tick(long timestamp, double fps) {
    BigInteger num = BigInteger.valueOf(timestamp - pts[0])
        .multiply(BigInteger.valueOf(timeBaseNum))
        .multiply(BigInteger.valueOf(Math.round(fps * FPS_SCALE)));
    BigInteger den = BigInteger.valueOf(timeBaseDen).multiply(BigInteger.valueOf(FPS_SCALE));
    return num.shiftLeft(1).add(den).divide(den.shiftLeft(1)).longValueExact();
  }
}
