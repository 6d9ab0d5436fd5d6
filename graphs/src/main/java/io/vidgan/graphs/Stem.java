package io.vidgan.graphs;

import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.ops.BatchNorm;
import io.vidgan.ops.Conv2d;
import io.vidgan.ops.Dense;
import io.vidgan.ops.LayerFactory;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The two ends every generator shares: the stem, an affine map of the conditioning vector to a
 * {@code [4, 4, ch0]} map replicated over time (DVD-GAN §3.1), and the output layers,
 * BN - ReLU - conv3x3 - tanh (DVD-GAN App. D; SSW-GAN App. A "norm-relu-conv-tanh").
 */
final class Stem {
  private final Dense linear;
  private final int channels;
  private final BatchNorm outNorm;
  private final Conv2d outConv;

  /**
   * @param condDim length of the conditioning vector
   * @param channels {@code ch0}, width of the first feature map
   * @param lastChannels width of the last feature map
   * @param frames frames of the generated videos (per-frame BN statistics)
   */
  Stem(LayerFactory f, int condDim, int channels, int lastChannels, int frames) {
    int size = StageConfigs.STEM_SIZE;
    this.channels = channels;
    this.linear = new Dense(f, "stem", condDim, size * size * channels, true);
    this.outNorm = new BatchNorm(f, "out_bn", lastChannels, frames);
    this.outConv = new Conv2d(f, "out_conv", lastChannels, 3, 3);
  }

  /** {@code [B, condDim] -> [B, frames, 4, 4, ch0]}. */
  Operand<TFloat32> input(Ops tf, Operand<TFloat32> cond, int frames) {
    int size = StageConfigs.STEM_SIZE;
    Operand<TFloat32> map = tf.reshape(linear.apply(tf, cond),
        tf.constant(new long[] {-1, 1, size, size, channels}));
    return tf.tile(map, tf.constant(new int[] {1, frames, 1, 1, 1}));
  }

  /**
   * {@code [B, condDim] -> [B, T, 4, 4, ch0]} with {@code T} the length of {@code video}, which may
   * be known only at run time (a generator applied to a clip of any length).
   */
  Operand<TFloat32> input(Ops tf, Operand<TFloat32> cond, Operand<TFloat32> video) {
    long frames = video.shape().get(1);
    if (frames >= 0) {
      return input(tf, cond, (int) frames);
    }
    int size = StageConfigs.STEM_SIZE;
    Operand<TInt32> multiples = tf.concat(List.of(tf.constant(new int[] {1}),
        tf.slice(tf.shape(video), tf.constant(new int[] {1}), tf.constant(new int[] {1})),
        tf.constant(new int[] {1, 1, 1})), tf.constant(0));
    return tf.ensureShape(tf.tile(input(tf, cond, 1), multiples),
        Shape.of(-1, -1, size, size, channels));
  }

  /** {@code [B, T, H, W, C] -> [B, T, H, W, 3]} in [-1, 1]. */
  Operand<TFloat32> output(Ops tf, Operand<TFloat32> h) {
    return tf.math.tanh(outConv.apply(tf, tf.nn.relu(outNorm.apply(tf, h))));
  }
}
