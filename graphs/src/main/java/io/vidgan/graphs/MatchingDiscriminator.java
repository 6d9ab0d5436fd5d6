package io.vidgan.graphs;

import io.vidgan.graphs.config.LowResView;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.ops.LayerFactory;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * HVG's matching discriminator D_M: D_T's architecture on the channel concatenation of the
 * low-res window {@code x_l} and the high-res window brought down to {@code x_l}'s size with the
 * stage's own view operator. Without it a super-resolution G can ignore {@code x_l} and make
 * locally plausible but globally inconsistent videos (HVG §3.2, Table 2).
 *
 * @see <a href="https://arxiv.org/abs/2106.02719">Castrejon et al., 2021, Hierarchical Video
 *     Generation for Complex Data</a>
 */
public final class MatchingDiscriminator {
  public static final String SCOPE = "discriminator_matching";

  private final TemporalDiscriminator body;
  private final LowResView view;

  public MatchingDiscriminator(LayerFactory stage, StageConfig c) {
    this.body = new TemporalDiscriminator(stage, SCOPE, c, 6,
        StageConfigs.lowResShape(c).getHeight());
    this.view = c.getLowRes();
  }

  /**
   * @param low {@code [B, T/time_factor, H/space_factor, W/space_factor, 3]}
   * @param high {@code [B, T, H, W, 3]}
   * @param labels {@code [B]}, or null when unconditional
   * @return {@code [B, T/time_factor]}
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> low, Operand<TFloat32> high,
      Operand<TInt32> labels) {
    Ops t = tf.withSubScope("matching_pair");
    Operand<TFloat32> down = LowResViews.apply(t, high, view);
    return body.apply(tf, t.concat(List.of(low, down), t.constant(4)), labels);
  }
}
