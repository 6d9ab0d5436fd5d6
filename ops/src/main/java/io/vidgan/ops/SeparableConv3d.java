package io.vidgan.ops;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A separable 3-D convolution: a temporal convolution with kernel 3 ({@code temporal}), then a
 * per-frame 3x3 spatial convolution ({@code spatial}), both with bias.
 *
 * <p>SSW-GAN App. B.2 replaces the lres generator's ConvGRU by this layer in super-resolution
 * stages, so a unit runs in parallel over time (App. C shows it matches the ConvGRU). The
 * intermediate width equals the output width.
 *
 * @see <a href="https://arxiv.org/abs/2106.02719">Castrejon et al., 2021, Hierarchical Video
 *     Generation for Complex Data</a> (HVG; its ICLR 2021 submission is SSW-GAN)
 */
public final class SeparableConv3d implements VideoLayer {
  public static final int TEMPORAL_KERNEL = 3;
  public static final int SPATIAL_KERNEL = 3;

  private final String name;
  private final Conv3d temporal;
  private final Conv2d spatial;

  public SeparableConv3d(LayerFactory parent, String name, int in, int out) {
    LayerFactory f = parent.child(name);
    this.name = name;
    this.temporal = new Conv3d(f, "temporal", in, out, TEMPORAL_KERNEL, 1);
    this.spatial = new Conv2d(f, "spatial", out, out, SPATIAL_KERNEL);
  }

  @Override
  public int temporalRadius() {
    return temporal.temporalRadius();
  }

  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    Ops t = tf.withSubScope(name);
    return spatial.apply(t, temporal.apply(t, x));
  }
}
