package io.vidgan.graphs;

import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.lres.LowResStage;
import io.vidgan.graphs.sres.SuperResStage;
import io.vidgan.ops.BuildMode;
import org.tensorflow.op.Ops;

/** Builds the stage a config describes. */
public final class Stages {
  private Stages() {}

  /**
   * A stage; a super-resolution stage's fake pairs condition on its towers' stage-below samples
   * ({@link TowerInputs#below}), or on real low-res views without them.
   */
  public static Stage create(Ops root, StageConfig config, BuildMode mode) {
    return switch (config.getKind()) {
      case LOW_RES -> new LowResStage(root, config, mode);
      case SUPER_RES -> new SuperResStage(root, config, mode);
      default -> throw new IllegalArgumentException("stage kind not set: " + config.getKind());
    };
  }
}
