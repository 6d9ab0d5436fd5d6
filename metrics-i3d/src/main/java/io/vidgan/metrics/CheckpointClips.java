package io.vidgan.metrics;

import io.vidgan.data.Frames;
import io.vidgan.replicas.evaluation.GeneratedClips;
import java.util.Optional;

/** The generated side of the train-time FVD: a checkpoint's clips, as the protocol feeds I3D. */
final class CheckpointClips implements ClipSource {
  private final GeneratedClips clips;
  private final TrainingFvdProtocol protocol;

  CheckpointClips(GeneratedClips clips, TrainingFvdProtocol protocol) {
    this.clips = clips;
    this.protocol = protocol;
  }

  @Override
  public String description() {
    return clips.description();
  }

  @Override
  public int frames() {
    return protocol.i3dFrames();
  }

  @Override
  public String resolution() {
    return clips.video().getHeight() + "x" + clips.video().getWidth();
  }

  @Override
  public int planned() {
    return clips.count();
  }

  @Override
  public Optional<Frames> next() {
    return clips.next().map(protocol::apply);
  }
}
