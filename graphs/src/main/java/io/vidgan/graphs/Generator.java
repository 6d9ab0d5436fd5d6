package io.vidgan.graphs;

import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.LayerFactory;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * What every generator has: the {@code generator} scope, the conditioning vector {@code [z;
 * e(y)]}, the stem and the output layers. Subclasses add their units.
 */
public abstract class Generator {
  public static final String SCOPE = "generator";

  private final LayerFactory scope;
  private final Conditioning conditioning;
  private final Stem stem;
  private final int frames;

  /**
   * @param statFrames frames with their own stored BN statistics: the training length, or a
   *     longer unroll whose statistics are re-estimated (SSW-GAN App. A)
   */
  protected Generator(LayerFactory stage, StageConfig c, int statFrames) {
    this.scope = stage.child(SCOPE);
    this.frames = statFrames;
    this.conditioning = new Conditioning(scope, c.getLatentDim(), c.getNumClasses(),
        c.getClassEmbeddingDim());
    List<Integer> widths = widths(c);
    this.stem = new Stem(scope, conditioning.dim(), widths.get(0),
        widths.get(widths.size() - 1), frames);
  }

  /** Width of each unit: {@code base_channels x multiplier}. */
  protected static List<Integer> widths(StageConfig c) {
    List<Integer> widths = new ArrayList<>();
    for (int m : c.getGenerator().getChannelMultipliersList()) {
      widths.add(c.getGenerator().getBaseChannels() * m);
    }
    return widths;
  }

  /** The {@code generator} scope, for the subclass's units. */
  protected final LayerFactory scope() {
    return scope;
  }

  /** The stem: {@code [B, conditionDim] -> [B, frames, 4, 4, ch0]}. */
  protected final Operand<TFloat32> stemInput(Ops tf, Operand<TFloat32> cond, int frames) {
    return stem.input(tf, cond, frames);
  }

  /** The stem replicated over the frames of {@code video}, known at build or only at run time. */
  protected final Operand<TFloat32> stemInput(Ops tf, Operand<TFloat32> cond,
      Operand<TFloat32> video) {
    return stem.input(tf, cond, video);
  }

  /** The output layers: {@code [B, T, H, W, C] -> [B, T, H, W, 3]} in [-1, 1]. */
  protected final Operand<TFloat32> toRgb(Ops tf, Operand<TFloat32> h) {
    return stem.output(tf, h);
  }

  /** Frames with their own stored per-frame BN statistics. */
  protected final int frames() {
    return frames;
  }

  protected final int conditionDim() {
    return conditioning.dim();
  }

  /** {@code [z; e(y)]}, {@code [B, conditionDim]}. */
  protected final Operand<TFloat32> condition(Ops tf, Operand<TFloat32> z,
      Operand<TInt32> labels) {
    return conditioning.apply(tf, z, labels);
  }
}
