package io.vidgan.graphs;

import io.vidgan.graphs.config.DiscriminatorConfig;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.LayerFactory;
import io.vidgan.ops.Resample;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * DVD-GAN's temporal discriminator D_T: the whole clip, spatially average-pooled (2x2), through a
 * ResNet whose first two blocks are 3-D; one score per frame (DVD-GAN §3.1; SSW-GAN App. A).
 *
 * @see <a href="https://arxiv.org/abs/1907.06571">Clark et al., 2019, Adversarial Video Generation
 *     on Complex Datasets</a>
 */
public final class TemporalDiscriminator {
  public static final String SCOPE = "discriminator_temporal";

  private final String scope;
  private final int pool;
  private final ResidualDiscriminator body;

  public TemporalDiscriminator(LayerFactory stage, StageConfig c) {
    this(stage, SCOPE, c, 3, c.getVideo().getHeight());
  }

  /** A D_T-shaped network under {@code scope} on videos of {@code channels} x {@code size}. */
  TemporalDiscriminator(LayerFactory stage, String scope, StageConfig c, int channels, int size) {
    this.scope = scope;
    this.pool = c.getDiscriminator().getTemporalDownsample();
    this.body = new ResidualDiscriminator(stage.child(scope), plan(c, channels, size),
        c.getNumClasses());
  }

  /** The blocks of a D_T-shaped network on videos of {@code channels} x {@code size}. */
  static List<ResidualDiscriminator.Block> plan(StageConfig c, int channels, int size) {
    DiscriminatorConfig d = c.getDiscriminator();
    return ResidualDiscriminator.plan(channels, size / d.getTemporalDownsample(),
        d.getBaseChannels(), d.getChannelMultipliersList(), d.getTemporal3DBlocks());
  }

  /**
   * @param video {@code [B, T, H, W, C]}
   * @param labels {@code [B]}, or null when unconditional
   * @return {@code [B, T]}
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> video, Operand<TInt32> labels) {
    Ops t = tf.withSubScope(scope);
    return body.apply(t, Resample.avgPoolSpace(t, video, pool), labels);
  }
}
