package io.vidgan.metrics;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/**
 * The feature graph: 8-bit RGB clips in, I3D logits and pooled features out ({@link
 * I3dPreprocessing} then {@link I3d}).
 */
final class I3dGraph {
  private final I3d network;
  private final Placeholder<TUint8> clips;
  private final Operand<TFloat32> logits;
  private final Operand<TFloat32> pooled;

  /** @param frames frames per clip, at least {@link I3d#MIN_FRAMES} */
  I3dGraph(Ops tf, I3dLayout layout, int frames, long seed) {
    this.network = new I3d(tf, layout, seed);
    this.clips = tf.withName("clips").placeholder(TUint8.class,
        Placeholder.shape(Shape.of(-1, frames, -1, -1, 3)));
    I3d.Outputs out = network.apply(tf, I3dPreprocessing.apply(tf, clips));
    this.logits = tf.withName("logits").identity(out.logits());
    this.pooled = tf.withName("pooled").identity(out.pooled());
  }

  I3d network() {
    return network;
  }

  /** {@code [B, T, H, W, 3]} uint8. */
  Placeholder<TUint8> clips() {
    return clips;
  }

  /** {@code [B, classes]}. */
  Operand<TFloat32> logits() {
    return logits;
  }

  /** {@code [B, 1024]}. */
  Operand<TFloat32> pooled() {
    return pooled;
  }
}
