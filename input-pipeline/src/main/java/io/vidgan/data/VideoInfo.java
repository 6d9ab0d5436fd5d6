package io.vidgan.data;

/**
 * What is known about one video of a dataset without decoding all of it.
 *
 * @param id a stable identifier (file, folder or record name), used in error messages
 * @param frames number of frames
 * @param height frame height in pixels
 * @param width frame width in pixels
 * @param label class id, or -1 when the dataset is unlabelled
 */
public record VideoInfo(String id, int frames, int height, int width, int label) {

  /** Frames spanned by {@code count} frames {@code stride} apart: {@code (count-1)*stride+1}. */
  public static int span(int count, int stride) {
    return (count - 1) * stride + 1;
  }

  /**
   * Checks that frames {@code from, from + stride, ..., from + (count - 1) * stride} exist.
   *
   * @throws DatasetException naming the video when it is too short (a bad input, skippable)
   * @throws IllegalArgumentException for a negative start or non-positive count or stride
   */
  public void checkFrames(int from, int count, int stride) throws DatasetException {
    if (from < 0 || count < 1 || stride < 1) {
      throw new IllegalArgumentException(String.format(
          "bad frame selection from=%s count=%s stride=%s", from, count, stride));
    }
    long last = from + (long) (count - 1) * stride;
    if (last >= frames) {
      throw new DatasetException(id, String.format(
          "video has %d frames, shorter than the %d frames needed (frames %d..%d, stride %d)",
          frames, span(count, stride), from, last, stride));
    }
  }
}
