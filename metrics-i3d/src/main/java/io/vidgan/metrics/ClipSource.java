package io.vidgan.metrics;

import io.vidgan.data.Frames;
import java.io.IOException;
import java.util.Optional;

/**
 * One side of an FVD comparison: a stream of 8-bit RGB clips of {@link #frames()} frames each,
 * read one at a time so memory never holds more than a batch.
 *
 * <p>Implementations: {@link DatasetClips} (real videos at random offsets, or videos written by a
 * generator read from {@code t = 0}); a source generating clips with an exported model will join
 * them when the savedmodel module exists.
 */
public interface ClipSource extends AutoCloseable {
  /** What the clips are, for settings cards and cache keys. */
  String description();

  /** Frames per clip. */
  int frames();

  /** Frame size of the clips, {@code HxW} (of the first clip, when sizes vary). */
  String resolution() throws IOException;

  /** How many clips the source means to deliver (fewer if its inputs run out). */
  int planned();

  /** The next clip, {@code [frames(), H, W, 3]}, or empty when the source is exhausted. */
  Optional<Frames> next() throws IOException;

  @Override
  default void close() throws IOException {}
}
