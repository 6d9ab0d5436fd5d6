package io.vidgan.graphs;

import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.lres.LowResStage;
import io.vidgan.graphs.sres.SuperResStage;
import io.vidgan.ops.BuildMode;
import io.vidgan.ops.Precision;
import org.tensorflow.op.Ops;

/** Builds the stage a config describes. */
public final class Stages {
  private Stages() {}

  /**
   * A stage computing in float32; a super-resolution stage's fake pairs condition on its towers'
   * stage-below samples ({@link TowerInputs#below}), or on real low-res views without them.
   */
  public static Stage create(Ops root, StageConfig config, BuildMode mode) {
    return create(root, config, mode, Precision.FP32);
  }

  /**
   * @param precision what the stage's convolutions and matrix products compute in (the frozen
   *     stages below compute in float32)
   */
  public static Stage create(Ops root, StageConfig config, BuildMode mode, Precision precision) {
    return switch (config.getKind()) {
      case LOW_RES -> new LowResStage(root, config, mode, precision);
      case SUPER_RES -> new SuperResStage(root, config, mode, precision);
      default -> throw new IllegalArgumentException("stage kind not set: " + config.getKind());
    };
  }
}
