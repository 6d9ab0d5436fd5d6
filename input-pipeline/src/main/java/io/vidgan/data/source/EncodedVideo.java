package io.vidgan.data.source;

import java.io.IOException;
import java.util.List;

/**
 * One video stored as encoded images, one per frame (a TFRecord's frames, a frame folder, a
 * folder in a ZIP shard). Frames are loaded only when asked for.
 *
 * @param id names the video in errors
 * @param label class id or -1
 * @param frameNames one name per frame, in order, for error messages
 * @param loader loads frame {@code i}'s encoded bytes
 */
public record EncodedVideo(String id, int label, List<String> frameNames, Loader loader) {
  /** Loads one frame's encoded bytes. */
  @FunctionalInterface
  public interface Loader {
    byte[] load(int frame) throws IOException;
  }

  public EncodedVideo {
    frameNames = List.copyOf(frameNames);
  }

  /** Number of frames. */
  public int frames() {
    return frameNames.size();
  }
}
