package io.vidgan.metrics;

/** Plain-Java dense matrix helpers for test references (row-major {@code n x n} doubles). */
final class DenseMatrix {
  private DenseMatrix() {}

  static double[] multiply(double[] a, double[] b, int n) {
    double[] c = new double[n * n];
    for (int i = 0; i < n; i++) {
      for (int k = 0; k < n; k++) {
        double aik = a[i * n + k];
        for (int j = 0; j < n; j++) {
          c[i * n + j] += aik * b[k * n + j];
        }
      }
    }
    return c;
  }

  /** Inverse by Gauss-Jordan elimination with partial pivoting. */
  static double[] inverse(double[] a, int n) {
    double[] m = a.clone();
    double[] inv = new double[n * n];
    for (int i = 0; i < n; i++) {
      inv[i * n + i] = 1;
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(m[r * n + col]) > Math.abs(m[pivot * n + col])) {
          pivot = r;
        }
      }
      swapRows(m, col, pivot, n);
      swapRows(inv, col, pivot, n);
      double p = m[col * n + col];
      for (int j = 0; j < n; j++) {
        m[col * n + j] /= p;
        inv[col * n + j] /= p;
      }
      for (int r = 0; r < n; r++) {
        double f = m[r * n + col];
        if (r != col && f != 0) {
          for (int j = 0; j < n; j++) {
            m[r * n + j] -= f * m[col * n + j];
            inv[r * n + j] -= f * inv[col * n + j];
          }
        }
      }
    }
    return inv;
  }

  /**
   * The principal square root of a matrix with no eigenvalues on the closed negative real axis,
   * by the Denman-Beavers iteration {@code Y <- (Y + Z^-1) / 2, Z <- (Z + Y^-1) / 2} from {@code
   * Y = A, Z = I}, stopped when a step changes no element by more than 1e-11 of the largest.
   */
  static double[] sqrtDenmanBeavers(double[] a, int n) {
    double[] y = a.clone();
    double[] z = new double[n * n];
    for (int i = 0; i < n; i++) {
      z[i * n + i] = 1;
    }
    for (int iter = 0; iter < 100; iter++) {
      double[] yInv = inverse(y, n);
      double[] zInv = inverse(z, n);
      double change = 0;
      double norm = 0;
      for (int i = 0; i < n * n; i++) {
        double next = (y[i] + zInv[i]) / 2;
        change = Math.max(change, Math.abs(next - y[i]));
        norm = Math.max(norm, Math.abs(next));
        y[i] = next;
        z[i] = (z[i] + yInv[i]) / 2;
      }
      // Convergence is quadratic: once a step changes Y by 1e-11, what is left is round-off.
      if (change <= 1e-11 * norm) {
        return y;
      }
    }
    throw new AssertionError("Denman-Beavers did not converge");
  }

  private static void swapRows(double[] m, int a, int b, int n) {
    for (int j = 0; j < n; j++) {
      double t = m[a * n + j];
      m[a * n + j] = m[b * n + j];
      m[b * n + j] = t;
    }
  }
}
