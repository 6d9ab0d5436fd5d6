package io.vidgan.savedmodel;

import java.io.IOException;

/**
 * Receives a batch of videos one time step at a time, in order: each call is frame {@code t} of
 * every video, {@code [B, H, W, 3]} row-major floats in [-1, 1]. Streaming frames this way keeps
 * memory independent of the videos' length.
 */
@FunctionalInterface
public interface FrameSink {
  void accept(float[] frame) throws IOException;
}
