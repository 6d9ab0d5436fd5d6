package io.vidgan.data;

import java.io.IOException;

/**
 * Random access to the videos of a dataset. Implementations read TFRecord shards, frame folders,
 * ZIP shards, video files (through ffmpeg), or render the built-in procedural dataset.
 *
 * <p>Errors name the file (or record) and the problem, as {@link DatasetException}.
 */
public interface VideoDataset extends AutoCloseable {
  /** A short description for logs and cache keys, e.g. {@code tfrecord:/data/kinetics (512 shards)}. */
  String description();

  /** Number of videos. */
  int size();

  /** Metadata of video {@code index}, {@code 0 <= index < size()}. */
  VideoInfo info(int index);

  /**
   * Decodes frames {@code from, from + stride, ..., from + (count - 1) * stride} of video {@code
   * index} at the video's own resolution.
   *
   * @throws DatasetException if the frames are missing, undecodable or of mixed sizes
   */
  Frames read(int index, int from, int count, int stride) throws IOException;

  @Override
  default void close() throws IOException {}
}
