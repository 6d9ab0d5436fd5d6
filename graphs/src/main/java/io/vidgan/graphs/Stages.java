package io.vidgan.graphs;

import static com.google.common.base.Preconditions.checkArgument;

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
   * A stage computing in float32; a super-resolution stage's fake pairs then condition on real
   * low-res views.
   */
  public static Stage create(Ops root, StageConfig config, BuildMode mode) {
    return create(root, config, mode, null, Precision.FP32);
  }

  /**
   * @param below for a super-resolution stage, the frozen stages its fake pairs condition on
   *     ({@link SuperResStage}), or null for real low-res views
   * @param precision what the stage's convolutions and matrix products compute in (the frozen
   *     stages below compute in float32)
   */
  public static Stage create(Ops root, StageConfig config, BuildMode mode, StageBelow below,
      Precision precision) {
    checkArgument(below == null || config.getKind() == StageConfig.Kind.SUPER_RES,
        "only a super-resolution stage has a stage below, not %s", config.getName());
    return switch (config.getKind()) {
      case LOW_RES -> new LowResStage(root, config, mode, precision);
      case SUPER_RES -> new SuperResStage(root, config, mode, below, precision);
      default -> throw new IllegalArgumentException("stage kind not set: " + config.getKind());
    };
  }
}
