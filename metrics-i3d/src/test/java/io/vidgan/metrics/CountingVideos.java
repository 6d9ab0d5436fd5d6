package io.vidgan.metrics;

import io.vidgan.data.BadInputs;
import io.vidgan.data.Frames;
import io.vidgan.data.VideoDataset;
import io.vidgan.data.VideoInfo;
import java.io.IOException;
import java.util.Arrays;

/**
 * An in-memory dataset whose frames say where they come from: every pixel of frame {@code t} of
 * video {@code v} is {@code (R, G, B) = (t, v, 0)} (frame numbers below 256).
 */
final class CountingVideos implements VideoDataset {
  static final int SIZE = 2;

  private final int[] lengths;
  private final BadInputs bad;

  /** @param lengths frames of each video */
  CountingVideos(boolean skipBad, int... lengths) {
    this.lengths = lengths;
    this.bad = new BadInputs(skipBad);
  }

  /** The frame number clip frame {@code i} came from. */
  static int frameOf(Frames clip, int i) {
    return clip.rgb()[i * clip.frameBytes()] & 0xff;
  }

  /** The video clip frame {@code i} came from. */
  static int videoOf(Frames clip, int i) {
    return clip.rgb()[i * clip.frameBytes() + 1] & 0xff;
  }

  @Override
  public String description() {
    return "counting:" + Arrays.toString(lengths);
  }

  @Override
  public int size() {
    return lengths.length;
  }

  @Override
  public VideoInfo info(int index) {
    return new VideoInfo("video" + index, lengths[index], SIZE, SIZE, -1);
  }

  @Override
  public Frames read(int index, int from, int count, int stride) throws IOException {
    info(index).checkFrames(from, count, stride);
    int frameBytes = SIZE * SIZE * 3;
    byte[] rgb = new byte[count * frameBytes];
    for (int i = 0; i < count; i++) {
      for (int p = i * frameBytes; p < (i + 1) * frameBytes; p += 3) {
        rgb[p] = (byte) (from + i * stride);
        rgb[p + 1] = (byte) index;
      }
    }
    return new Frames(count, SIZE, SIZE, rgb);
  }

  @Override
  public BadInputs badInputs() {
    return bad;
  }
}
