package io.vidgan.replicas.evaluation;

import io.vidgan.data.VideoDataset;
import io.vidgan.graphs.config.StageConfig;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Opens a {@link TrainingEvaluation}; implementations are registered under {@code
 * META-INF/services/io.vidgan.replicas.evaluation.EvaluationProvider} of a module on the runtime classpath.
 */
public interface EvaluationProvider {
  /**
   * What an evaluation of a run needs.
   *
   * @param weights the {@code --eval-i3d} spec
   * @param config the stage being trained: its clips' length, frame stride and resolution
   * @param data the run's real data
   * @param clips clips per side
   * @param seed seed of the real clips
   * @param runDir the run directory (where real statistics are cached)
   */
  record Setup(String weights, StageConfig config, VideoDataset data, int clips, long seed,
      Path runDir) {}

  /**
   * @throws IllegalArgumentException saying why, when the weights cannot be used (the trainer
   *     reports it as a usage error of {@code --eval-i3d})
   */
  TrainingEvaluation open(Setup setup) throws IOException;
}
