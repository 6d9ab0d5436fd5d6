package io.vidgan.ops;

import static com.google.common.base.Preconditions.checkArgument;

import java.nio.charset.StandardCharsets;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.Qr;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.types.TFloat32;

/**
 * Orthogonal initialisation: the kernel, viewed as a {@code [prod(dims[:-1]), dims[-1]]} matrix,
 * has orthonormal columns (or rows, if it is wide), scaled by {@code gain}.
 *
 * <p>The matrix is the sign-corrected Q factor of the QR decomposition of a Gaussian matrix, which
 * makes it uniformly distributed over orthogonal matrices. DVD-GAN (v1, App. B.3) and SSW-GAN (App.
 * A) initialise every weight this way.
 *
 * @see <a href="https://arxiv.org/abs/1312.6120">Saxe et al., 2013, Exact solutions to the nonlinear
 *     dynamics of learning in deep linear neural networks</a>
 *     <pre>
 * WeightInit init = new OrthogonalInit(1.0f, 42L);
 * Operand&lt;TFloat32&gt; w = init.initialValue(tf.withInitScope(), "conv/kernel", Shape.of(3, 3, 16, 32));
 * </pre>
 */
public final class OrthogonalInit implements WeightInit {
  public static final float GAIN_DEFAULT = 1.0f;

  private final float gain;
  private final long seed;

  public OrthogonalInit(long seed) {
    this(GAIN_DEFAULT, seed);
  }

  public OrthogonalInit(float gain, long seed) {
    checkArgument(gain > 0 && Float.isFinite(gain), "gain must be positive and finite: %s", gain);
    this.gain = gain;
    this.seed = seed;
  }

  /**
   * The per-variable seed: a stable hash of the variable name, so that a variable's initial value
   * does not depend on the order in which the graph was built.
   */
  static long nameSeed(String variableName) {
    long h = 0xcbf29ce484222325L;
    for (byte b : variableName.getBytes(StandardCharsets.UTF_8)) {
      h = (h ^ (b & 0xff)) * 0x100000001b3L;
    }
    return h & Long.MAX_VALUE;
  }

  @Override
  public Operand<TFloat32> initialValue(Ops tf, String variableName, Shape shape) {
    checkArgument(shape.numDimensions() >= 2, "orthogonal init needs rank >= 2, got %s", shape);
    checkArgument(!shape.hasUnknownDimension(), "orthogonal init needs a known shape, got %s", shape);
    long cols = shape.get(shape.numDimensions() - 1);
    long rows = shape.size() / cols;
    long tall = Math.max(rows, cols);
    long narrow = Math.min(rows, cols);
    Operand<TFloat32> gaussian =
        tf.random.randomStandardNormal(
            tf.constant(new long[] {tall, narrow}),
            TFloat32.class,
            RandomStandardNormal.seed(seed),
            RandomStandardNormal.seed2(nameSeed(variableName)));
    Qr<TFloat32> qr = tf.linalg.qr(gaussian, Qr.fullMatrices(false));
    Operand<TFloat32> signs = tf.math.sign(tf.linalg.matrixDiagPart(qr.r(), tf.constant(0),
        tf.constant(0f)));
    Operand<TFloat32> q = tf.math.mul(qr.q(), signs);
    if (rows < cols) {
      q = tf.linalg.transpose(q, tf.constant(new int[] {1, 0}));
    }
    return tf.reshape(tf.math.mul(q, tf.constant(gain)), tf.constant(shape.asArray()));
  }
}
