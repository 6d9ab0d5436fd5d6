package io.vidgan.savedmodel;

import io.vidgan.data.io.PixelValues;
import io.vidgan.data.io.VideoWriter;
import io.vidgan.data.io.VideoWriters;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A {@link FrameSink} writing each video of the batch to its own file as its frames arrive
 * ({@link VideoWriters}: GIF, MP4 (H.264), or a folder of PNG frames). Files appear under
 * their names only once closed.
 */
final class VideoFiles implements FrameSink, AutoCloseable {
  private final List<VideoWriter> writers = new ArrayList<>();
  private final int frameSize;

  /** @param paths one path per video of the batch */
  VideoFiles(List<Path> paths, int width, int height, double fps) throws IOException {
    this.frameSize = width * height * 3;
    try {
      for (Path p : paths) {
        writers.add(VideoWriters.open(p, width, height, fps));
      }
    } catch (IOException | RuntimeException e) {
      close();
      throw e;
    }
  }

  @Override
  public void accept(float[] frame) throws IOException {
    for (int b = 0; b < writers.size(); b++) {
      writers.get(b).write(PixelValues.toBytes(frame, b * frameSize, frameSize));
    }
  }

  @Override
  public void close() throws IOException {
    IOException first = null;
    for (VideoWriter w : writers) {
      try {
        w.close();
      } catch (IOException e) {
        first = first == null ? e : first;
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
