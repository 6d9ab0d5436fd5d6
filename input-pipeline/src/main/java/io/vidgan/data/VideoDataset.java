package io.vidgan.data;

import java.io.IOException;

/**
 * Random access to the videos of a dataset. Implementations read TFRecord shards, frame folders,
 * ZIP shards, video files (FFmpeg in-process), or render the built-in procedural dataset; {@link
 * Datasets#open} picks one. Implementations are safe for concurrent reads from the prefetch
 * threads.
 *
 * <p>Errors about the data name the file (or record) and the problem, as {@link DatasetException};
 * the dataset's {@link #badInputs()} says whether they are skipped.
 */
public interface VideoDataset extends AutoCloseable {
  /** Frames per {@link #read} call of the default {@link #forEachFrame}. */
  int STREAM_CHUNK = 16;

  /** Receives frames one at a time. */
  @FunctionalInterface
  interface FrameSink {
    /** @param frame one frame ({@code frame.count() == 1}) */
    void accept(Frames frame) throws IOException;
  }

  /** A short description for logs and cache keys, e.g. {@code tfrecord:/data/k600 (512 shards)}. */
  String description();

  /** Number of videos. */
  int size();

  /**
   * Metadata of video {@code index}, {@code 0 <= index < size()}; may read file headers.
   *
   * @throws DatasetException if the video cannot be used
   */
  VideoInfo info(int index) throws IOException;

  /**
   * Decodes frames {@code from, from + stride, ..., from + (count - 1) * stride} of video {@code
   * index} at the video's own resolution.
   *
   * @throws DatasetException if the frames are missing, undecodable or of mixed sizes
   */
  Frames read(int index, int from, int count, int stride) throws IOException;

  /**
   * Decodes every frame of video {@code index} in order, handing each to {@code sink} as it comes
   * (memory does not grow with the video's length).
   *
   * @return the video's metadata, with the number of frames streamed
   */
  default VideoInfo forEachFrame(int index, FrameSink sink) throws IOException {
    VideoInfo info = info(index);
    for (int from = 0; from < info.frames(); from += STREAM_CHUNK) {
      Frames chunk = read(index, from, Math.min(STREAM_CHUNK, info.frames() - from), 1);
      for (int i = 0; i < chunk.count(); i++) {
        sink.accept(chunk.frame(i));
      }
    }
    return info;
  }

  /** The policy and the record of skipped bad inputs. */
  BadInputs badInputs();

  @Override
  default void close() throws IOException {}
}
