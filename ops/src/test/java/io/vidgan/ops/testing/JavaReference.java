package io.vidgan.ops.testing;

/**
 * Plain-Java reference computations on row-major float arrays, independent of TensorFlow, used as
 * ground truth for the graph implementations.
 */
public final class JavaReference {
  private JavaReference() {}

  /**
   * SAME-padded, stride-1 3-D convolution plus bias.
   *
   * @param x {@code [b, t, h, w, ci]}
   * @param k {@code [kt, kh, kw, ci, co]}
   * @return {@code [b, t, h, w, co]}
   */
  public static float[] conv3d(float[] x, int b, int t, int h, int w, int ci, float[] k, int kt,
      int kh, int kw, int co, float[] bias) {
    float[] y = new float[b * t * h * w * co];
    int pt = (kt - 1) / 2;
    int ph = (kh - 1) / 2;
    int pw = (kw - 1) / 2;
    for (int n = 0; n < b; n++) {
      for (int tt = 0; tt < t; tt++) {
        for (int i = 0; i < h; i++) {
          for (int j = 0; j < w; j++) {
            for (int o = 0; o < co; o++) {
              double acc = bias == null ? 0 : bias[o];
              for (int dt = 0; dt < kt; dt++) {
                int st = tt + dt - pt;
                if (st < 0 || st >= t) {
                  continue;
                }
                for (int di = 0; di < kh; di++) {
                  int si = i + di - ph;
                  if (si < 0 || si >= h) {
                    continue;
                  }
                  for (int dj = 0; dj < kw; dj++) {
                    int sj = j + dj - pw;
                    if (sj < 0 || sj >= w) {
                      continue;
                    }
                    for (int c = 0; c < ci; c++) {
                      acc += x[((((n * t + st) * h + si) * w + sj) * ci) + c]
                          * k[(((dt * kh + di) * kw + dj) * ci + c) * co + o];
                    }
                  }
                }
              }
              y[(((n * t + tt) * h + i) * w + j) * co + o] = (float) acc;
            }
          }
        }
      }
    }
    return y;
  }

  /** Elementwise ReLU. */
  public static float[] relu(float[] x) {
    float[] y = new float[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = Math.max(0f, x[i]);
    }
    return y;
  }

  /** Elementwise sum. */
  public static float[] add(float[] a, float[] b) {
    float[] y = new float[a.length];
    for (int i = 0; i < a.length; i++) {
      y[i] = a[i] + b[i];
    }
    return y;
  }
}
