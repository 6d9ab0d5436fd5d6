package io.vidgan.metrics;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.ops.Scopes;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.linalg.SelfAdjointEig;
import org.tensorflow.types.TFloat64;

/**
 * The Fréchet distance between two Gaussians fitted to features, in float64: {@code ||mu1 -
 * mu2||^2 + Tr(S1) + Tr(S2) - 2 Tr((S1^1/2 S2 S1^1/2)^1/2)}.
 *
 * <p>Heusel et al., 2017, <a href="https://arxiv.org/abs/1706.08500">GANs Trained by a Two
 * Time-Scale Update Rule Converge to a Local Nash Equilibrium</a> (FID); on I3D logits it is the
 * FVD of Unterthiner et al., 2018, <a href="https://arxiv.org/abs/1812.01717">Towards Accurate
 * Generative Models of Video</a>. As TF-GAN's {@code frechet_classifier_distance} (what the
 * reference FVD calls), the trace term uses the symmetric form {@code S1^1/2 S2 S1^1/2}, whose
 * square root is real, rather than {@code sqrtm(S1 S2)} (StyleGAN-V, via scipy, keeping the real
 * part); both have the same trace for covariance matrices. Deviation: square roots come from
 * symmetric eigendecompositions ({@code SelfAdjointEigV2}) instead of TF-GAN's SVD, with negative
 * round-off eigenvalues clamped to 0 (TF-GAN zeroes singular values below 1e-10); for 2048-d
 * features this takes seconds where {@code MatrixSquareRoot} takes minutes.
 */
public final class FrechetDistance {
  private FrechetDistance() {}

  /** The distance between the Gaussians of two feature sets. */
  public static double between(FeatureStatistics a, FeatureStatistics b,
      CovarianceEstimator estimator) {
    checkArgument(a.dim() == b.dim(), "feature widths differ: %s vs %s", a.dim(), b.dim());
    return between(a.mean(), a.covariance(estimator), b.mean(), b.covariance(estimator));
  }

  /**
   * @param mu1 mean, {@code [d]}
   * @param cov1 symmetric positive semi-definite covariance, row-major {@code [d, d]}
   */
  public static double between(double[] mu1, double[] cov1, double[] mu2, double[] cov2) {
    int d = mu1.length;
    checkArgument(mu2.length == d && cov1.length == d * d && cov2.length == d * d,
        "expected means of width %s and %s x %s covariances, got %s, %s, %s", d, d, d,
        mu2.length, cov1.length, cov2.length);
    double meanTerm = 0;
    double traces = 0;
    for (int i = 0; i < d; i++) {
      meanTerm += (mu1[i] - mu2[i]) * (mu1[i] - mu2[i]);
      traces += cov1[i * d + i] + cov2[i * d + i];
    }
    return meanTerm + traces - 2 * traceSqrtProduct(cov1, cov2, d);
  }

  /** {@code Tr((S1^1/2 S2 S1^1/2)^1/2)}. */
  static double traceSqrtProduct(double[] cov1, double[] cov2, int d) {
    try (Graph g = new Graph()) {
      Ops tf = Scopes.root(g);
      Operand<TFloat64> s1 = matrix(tf, cov1, d);
      Operand<TFloat64> s2 = matrix(tf, cov2, d);
      SelfAdjointEig<TFloat64> eig1 = tf.linalg.selfAdjointEig(s1, SelfAdjointEig.computeV(true));
      Operand<TFloat64> rootValues = tf.math.sqrt(tf.nn.relu(eig1.e()));
      Operand<TFloat64> root1 = tf.linalg.matMul(tf.math.mul(eig1.v(), rootValues), eig1.v(),
          org.tensorflow.op.linalg.MatMul.transposeB(true));
      Operand<TFloat64> m = tf.linalg.matMul(tf.linalg.matMul(root1, s2), root1);
      Operand<TFloat64> symmetric = tf.math.mul(tf.math.add(m,
          tf.linalg.transpose(m, tf.constant(new int[] {1, 0}))), tf.constant(0.5));
      Operand<TFloat64> eigenvalues = tf.linalg.selfAdjointEig(symmetric,
          SelfAdjointEig.computeV(false)).e();
      Operand<TFloat64> trace = tf.sum(tf.math.sqrt(tf.nn.relu(eigenvalues)), tf.constant(0));
      try (Session s = new Session(g, I3dEmbedder.sessionConfig());
          Result r = s.runner().fetch(trace).run()) {
        return ((TFloat64) r.get(0)).getDouble();
      }
    }
  }

  private static Operand<TFloat64> matrix(Ops tf, double[] values, int d) {
    return tf.constant(Shape.of(d, d), DataBuffers.of(values, true, false));
  }
}
