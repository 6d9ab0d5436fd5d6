package io.vidgan.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;

/**
 * Running mean and covariance of feature vectors in float64, so features can be streamed batch by
 * batch and never held together.
 *
 * <p>Each vector updates the mean and the co-moment matrix {@code M = sum (x - mean)(x - mean)^T}
 * with Welford's rule ({@code d = x - mean_old; mean += d / n; M += d (x - mean_new)^T}), which
 * stays accurate when features have a large common offset, unlike summing {@code x x^T}.
 */
public final class FeatureStatistics {
  private static final int FORMAT = 1;

  private final int dim;
  private final double[] mean;
  /** Upper triangle used while accumulating; row-major {@code [dim, dim]}. */
  private final double[] comoment;
  private final double[] delta;
  private long count;

  /** @param dim feature width */
  public FeatureStatistics(int dim) {
    checkArgument(dim > 0, "feature width must be positive, got %s", dim);
    this.dim = dim;
    this.mean = new double[dim];
    this.comoment = new double[dim * dim];
    this.delta = new double[dim];
  }

  /** Adds {@code rows} vectors stored row-major in {@code features}. */
  public void add(float[] features, int rows) {
    checkArgument(features.length == (long) rows * dim, "expected %s x %s features, got %s",
        rows, dim, features.length);
    for (int r = 0; r < rows; r++) {
      count++;
      int base = r * dim;
      for (int i = 0; i < dim; i++) {
        delta[i] = features[base + i] - mean[i];
        mean[i] += delta[i] / count;
      }
      for (int i = 0; i < dim; i++) {
        double di = delta[i];
        int row = i * dim;
        for (int j = i; j < dim; j++) {
          comoment[row + j] += di * (features[base + j] - mean[j]);
        }
      }
    }
  }

  public int dim() {
    return dim;
  }

  /** Number of vectors added. */
  public long count() {
    return count;
  }

  /** A copy of the mean. */
  public double[] mean() {
    return mean.clone();
  }

  /** The covariance, row-major {@code [dim, dim]}, normalised by {@code estimator}. */
  public double[] covariance(CovarianceEstimator estimator) {
    checkState(count >= 2, "a covariance needs at least 2 vectors, have %s", count);
    double divisor = estimator.divisor(count);
    double[] cov = new double[dim * dim];
    for (int i = 0; i < dim; i++) {
      for (int j = i; j < dim; j++) {
        double v = comoment[i * dim + j] / divisor;
        cov[i * dim + j] = v;
        cov[j * dim + i] = v;
      }
    }
    return cov;
  }

  /** Writes the statistics (exactly; both estimators can be derived after reading). */
  public void write(DataOutputStream out) throws IOException {
    out.writeInt(FORMAT);
    out.writeInt(dim);
    out.writeLong(count);
    for (double v : mean) {
      out.writeDouble(v);
    }
    for (int i = 0; i < dim; i++) {
      for (int j = i; j < dim; j++) {
        out.writeDouble(comoment[i * dim + j]);
      }
    }
  }

  /** Reads what {@link #write} wrote. */
  public static FeatureStatistics read(DataInputStream in) throws IOException {
    int format = in.readInt();
    if (format != FORMAT) {
      throw new IOException("unknown feature statistics format " + format);
    }
    int dim = in.readInt();
    if (dim <= 0 || dim > 1 << 16) {
      throw new IOException("bad feature width " + dim);
    }
    FeatureStatistics s = new FeatureStatistics(dim);
    s.count = in.readLong();
    for (int i = 0; i < dim; i++) {
      s.mean[i] = in.readDouble();
    }
    for (int i = 0; i < dim; i++) {
      for (int j = i; j < dim; j++) {
        s.comoment[i * dim + j] = in.readDouble();
      }
    }
    return s;
  }
}
