package io.vidgan.ops;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.linalg.MatMul;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.types.TFloat32;

/**
 * Spectral normalisation: {@code W / sigma(W)}, with {@code sigma} the largest singular value
 * estimated by power iteration on a persistent vector {@code u}.
 *
 * <p>The kernel is reshaped to {@code [K, C_out]} ({@code K} = product of the other dimensions), so
 * {@code w} here is {@code W^T} of the paper. One iteration: {@code v = l2norm(w u)}, {@code u' =
 * l2norm(w^T v)}, {@code sigma = v^T w u'}; {@code u} and {@code v} are constants for the gradient.
 * DVD-GAN and SSW-GAN use one iteration ("the first singular value") on every weight of G and D.
 *
 * <p>Deviation from TF-GAN: the estimate is computed in every mode, but {@code u} is only written
 * back ({@code update_u}) in training graphs, whenever the normalised kernel is evaluated (once per
 * step, however many replicas read it, because the kernel is normalised once in the model scope).
 * Inference graphs read {@code u} and never change it, so an exported model is a pure function.
 * Standing-statistics graphs have {@code update_u} unattached, run by {@link #updates} before the
 * dummy passes so that {@code u} fits the weights being exported (G's EMA has no {@code u} of its
 * own).
 *
 * @see <a href="https://arxiv.org/abs/1802.05957">Miyato et al., 2018, Spectral Normalization for
 *     Generative Adversarial Networks</a> (ICLR 2018), Algorithm 1
 */
public final class SpectralNorm {
  /** Scope of the spectral-norm state inside a layer. */
  public static final String SCOPE = "sn";
  public static final String UPDATE_OP = "update_u";
  public static final float EPSILON_DEFAULT = 1e-12f;

  private final Variable<TFloat32> u;
  private final Operand<TFloat32> normalized;
  private final Operand<TFloat32> sigma;

  /**
   * @param tf the layer's scope; state goes under {@code sn/}
   * @param kernel the raw kernel, any rank >= 2, last dimension = output channels
   * @param mode whether evaluating the normalised kernel updates {@code u}
   * @param seed base seed of {@code u}'s random initial value
   */
  public SpectralNorm(Ops tf, Operand<TFloat32> kernel, BuildMode mode, long seed) {
    Shape shape = kernel.shape();
    checkArgument(shape.numDimensions() >= 2 && !shape.hasUnknownDimension(),
        "spectral norm needs a known kernel of rank >= 2, got %s", shape);
    long out = shape.get(shape.numDimensions() - 1);
    Ops sn = tf.withSubScope(SCOPE);
    this.u = Variables.create(sn, Variables.State.SPECTRAL_NORM_U, Shape.of(out, 1),
        (init, name, s) -> l2Normalize(init, init.random.randomStandardNormal(
            init.constant(s.asArray()), TFloat32.class, RandomStandardNormal.seed(seed),
            RandomStandardNormal.seed2(OrthogonalInit.nameSeed(name)))));
    Operand<TFloat32> w = sn.reshape(kernel, sn.constant(new long[] {-1, out}));
    Operand<TFloat32> v = sn.stopGradient(l2Normalize(sn, sn.linalg.matMul(w, u)));
    Operand<TFloat32> uNew = sn.stopGradient(
        l2Normalize(sn, sn.linalg.matMul(w, v, MatMul.transposeA(true))));
    Operand<TFloat32> vtw = sn.linalg.matMul(v, w, MatMul.transposeA(true));
    this.sigma = sn.withName("sigma").reshape(sn.linalg.matMul(vtw, uNew),
        sn.constant(new long[0]));
    Op update = mode.updatesSpectralNorm() ? sn.withName(UPDATE_OP).assign(u, uNew) : null;
    Ops result = mode.isTraining() ? sn.withControlDependencies(List.of(update)) : sn;
    this.normalized = result.withName("normalized").math.div(kernel, sigma);
  }

  /** Every {@code update_u} op of {@code graph} whose name starts with {@code prefix}. */
  public static List<GraphOperation> updates(Graph graph, String prefix) {
    List<GraphOperation> ops = new ArrayList<>();
    String suffix = "/" + SCOPE + "/" + UPDATE_OP;
    graph.operations().forEachRemaining(op -> {
      if (op.name().startsWith(prefix) && op.name().endsWith(suffix)) {
        ops.add(op);
      }
    });
    return ops;
  }

  /** {@code x / max(||x||, eps)} over the whole (column) vector. */
  static Operand<TFloat32> l2Normalize(Ops tf, Operand<TFloat32> x) {
    Operand<TFloat32> sumSquares = tf.reduceSum(tf.math.square(x), tf.constant(new int[] {0, 1}));
    return tf.math.mul(x, tf.math.rsqrt(tf.math.maximum(sumSquares,
        tf.constant(EPSILON_DEFAULT * EPSILON_DEFAULT))));
  }

  /** The kernel divided by its estimated spectral norm; same shape as the kernel. */
  public Operand<TFloat32> normalized() {
    return normalized;
  }

  /** The current estimate of the largest singular value (a scalar). */
  public Operand<TFloat32> sigma() {
    return sigma;
  }

  /** The persistent power-iteration vector, {@code [C_out, 1]}. */
  public Variable<TFloat32> u() {
    return u;
  }
}
