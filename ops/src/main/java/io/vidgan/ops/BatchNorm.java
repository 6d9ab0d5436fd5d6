package io.vidgan.ops;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * Per-frame batch norm ({@link FrameNorm}) with a learned per-channel {@code gamma} and {@code
 * beta}: the unconditional norm before a generator's output convolution (DVD-GAN App. D:
 * removing it "caused a catastrophic failure in learning").
 */
public final class BatchNorm implements VideoLayer {
  private final String name;
  private final FrameNorm norm;
  private final Operand<TFloat32> gamma;
  private final Operand<TFloat32> beta;

  /** @param frames number of frames with their own stored statistics */
  public BatchNorm(LayerFactory parent, String name, int channels, int frames) {
    LayerFactory f = parent.child(name);
    this.name = name;
    this.norm = new FrameNorm(f, channels, frames);
    this.gamma = f.constant("gamma", Shape.of(channels), 1f);
    this.beta = f.constant("beta", Shape.of(channels), 0f);
  }

  @Override
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    Ops t = tf.withSubScope(name);
    return norm.apply(t, x, gamma, beta);
  }
}
