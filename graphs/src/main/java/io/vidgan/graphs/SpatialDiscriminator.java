package io.vidgan.graphs;

import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.LayerFactory;
import io.vidgan.ops.Resample;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gather;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * DVD-GAN's spatial discriminator D_S: scores {@code k} frames of each video independently with a
 * 2-D ResNet, at full resolution ("almost identically to BigGAN's discriminator", DVD-GAN §3.1).
 * Which frames is decided by the caller (uniformly at random in training).
 *
 * @see <a href="https://arxiv.org/abs/1907.06571">Clark et al., 2019, Adversarial Video Generation
 *     on Complex Datasets</a>
 */
public final class SpatialDiscriminator {
  public static final String SCOPE = "discriminator_spatial";

  private final String scope;
  private final ResidualDiscriminator body;

  public SpatialDiscriminator(LayerFactory stage, StageConfig c) {
    this.scope = SCOPE;
    this.body = new ResidualDiscriminator(stage.child(SCOPE), plan(c), c.getNumClasses());
  }

  /** D_S's blocks: all 2-D, on full-resolution frames. */
  static List<ResidualDiscriminator.Block> plan(StageConfig c) {
    return ResidualDiscriminator.plan(3, c.getVideo().getHeight(),
        c.getDiscriminator().getBaseChannels(), c.getDiscriminator().getChannelMultipliersList(),
        0);
  }

  /** Number of frames scored per video of {@code frames} frames: {@code min(k, frames)}. */
  public static int framesScored(StageConfig c, int frames) {
    return Math.min(c.getDiscriminator().getSpatialFrames(), frames);
  }

  /**
   * @param video {@code [B, T, H, W, 3]}
   * @param frames {@code [B, k]} frame indices to score
   * @param labels {@code [B]}, or null when unconditional
   * @return {@code [B, k]}
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> video, Operand<TInt32> frames,
      Operand<TInt32> labels) {
    Resample.checkVideo(video);
    Ops t = tf.withSubScope(scope);
    Operand<TFloat32> selected = t.gather(video, frames, t.constant(1), Gather.batchDims(1L));
    Shape s = video.shape();
    Operand<TFloat32> picked = t.reshape(selected, t.constant(new long[] {-1,
        frames.shape().get(1), s.get(2), s.get(3), s.get(4)}));
    return body.apply(t, picked, labels);
  }
}
