package io.vidgan.metrics;

import io.vidgan.replicas.evaluation.EvaluationProvider;
import io.vidgan.replicas.StageData;
import io.vidgan.replicas.evaluation.TrainingEvaluation;
import java.io.IOException;

/**
 * Opens the train-time FVD ({@link TrainingFvd}) for {@code bin/train --eval-every}; registered
 * in {@code META-INF/services/io.vidgan.replicas.evaluation.EvaluationProvider}. Real clips are read at the
 * stage's frame rate: the run's data is the native footage (data stride 1) and the stage shows
 * every {@code frame_stride}-th frame ({@link ClipSampling#forRealData}).
 */
public final class TrainingFvdProvider implements EvaluationProvider {
  private static final int DATA_STRIDE = 1;

  @Override
  public TrainingEvaluation open(Setup setup) {
    I3dWeights weights;
    try {
      weights = I3dWeights.open(setup.weights());
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(e.getMessage() + ". " + I3dWeights.WHERE_TO_GET, e);
    }
    int frames = setup.config().getVideo().getFrames();
    TrainingFvdProtocol protocol = TrainingFvdProtocol.of(setup.clips(), frames);
    ClipSampling real = new ClipSampling(frames, 1).forRealData(
        setup.config().getFrameStride(), DATA_STRIDE);
    I3dEmbedder embedder;
    try {
      embedder = new I3dEmbedder(weights, protocol.i3dFrames());
    } catch (IOException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    return new TrainingFvd(weights, protocol, new RunDataClips(setup.data(),
        StageData.clips(setup.config(), real.stride()), protocol, setup.seed()), real.stride(),
        setup.seed(), new StatsCache(setup.runDir().resolve(TrainingFvd.CACHE_DIR)), embedder);
  }
}
