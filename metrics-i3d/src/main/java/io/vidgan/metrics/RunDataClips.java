package io.vidgan.metrics;

import io.vidgan.data.Batch;
import io.vidgan.data.BatchStream;
import io.vidgan.data.ClipSpec;
import io.vidgan.data.Frames;
import io.vidgan.data.ReplicaStream;
import io.vidgan.data.TrainingData;
import io.vidgan.data.VideoDataset;
import io.vidgan.data.io.VideoGrid;
import java.io.IOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Locale;
import java.util.Optional;

/**
 * The real side of the train-time FVD: clips of the run's data exactly as the stage trains on
 * them (a {@link TrainingData} stream with its own seed: random videos and offsets, the stage's
 * resize and downsampling to its resolution), quantised to 8-bit as generated clips are, then put
 * through the protocol's frame repetition. The run's generated clips and these differ only in
 * where they come from.
 */
final class RunDataClips implements ClipSource {
  private static final int BATCH = 8;

  private final VideoDataset data;
  private final ClipSpec spec;
  private final TrainingFvdProtocol protocol;
  private final long seed;
  private final Deque<Frames> ready = new ArrayDeque<>();
  private BatchStream stream;
  private int delivered;

  /** @param spec the stage's clips at the generated frame rate ({@link ClipSampling#forRealData}) */
  RunDataClips(VideoDataset data, ClipSpec spec, TrainingFvdProtocol protocol, long seed) {
    this.data = data;
    this.spec = spec;
    this.protocol = protocol;
    this.seed = seed;
  }

  @Override
  public String description() {
    return String.format(Locale.ROOT, "%s, the stage's clips: %d frames every %d-th, %s (seed"
        + " %d)", data.description(), spec.frames(), spec.frameStride(), resolution(), seed);
  }

  @Override
  public int frames() {
    return protocol.i3dFrames();
  }

  @Override
  public String resolution() {
    return spec.height() + "x" + spec.width();
  }

  @Override
  public int planned() {
    return protocol.clips();
  }

  @Override
  public Optional<Frames> next() throws IOException {
    if (ready.isEmpty() && delivered < planned()) {
      if (stream == null) {
        stream = TrainingData.clips(data, spec, ReplicaStream.whole(BATCH, seed));
      }
      Batch b = stream.next();
      int size = spec.frames() * spec.height() * spec.width() * 3;
      for (int i = 0; i < BATCH && delivered + ready.size() < planned(); i++) {
        ready.add(protocol.apply(VideoGrid.toFrames(b.video(), i * size, spec.frames(),
            spec.height(), spec.width())));
      }
    }
    Optional<Frames> clip = Optional.ofNullable(ready.poll());
    clip.ifPresent(c -> delivered++);
    return clip;
  }

  /** Stops the stream's readers; the dataset is the run's and stays open. */
  @Override
  public void close() {
    if (stream != null) {
      stream.close();
    }
  }
}
