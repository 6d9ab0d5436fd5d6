package io.vidgan.ops.testing;

import java.util.Map;
import java.util.Random;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;

/** Small helpers for running graph-mode tests: feeding and fetching float arrays. */
public final class TfRun {
  private TfRun() {}

  /** A float tensor of {@code shape} holding {@code values} in row-major order. */
  public static TFloat32 tensor(Shape shape, float[] values) {
    return TFloat32.tensorOf(shape, DataBuffers.of(values, true, false));
  }

  /** Row-major copy of a float tensor's values. */
  public static float[] values(Tensor t) {
    TFloat32 f = (TFloat32) t;
    float[] out = new float[(int) f.shape().size()];
    f.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  /** Runs {@code session} with {@code feeds} and returns the values of {@code fetch}. */
  public static float[] fetch(Session session, Operand<TFloat32> fetch,
      Map<Operand<TFloat32>, float[]> feeds) {
    Session.Runner runner = session.runner();
    java.util.List<TFloat32> fed = new java.util.ArrayList<>();
    try {
      for (Map.Entry<Operand<TFloat32>, float[]> e : feeds.entrySet()) {
        TFloat32 t = tensor(e.getKey().shape(), e.getValue());
        fed.add(t);
        runner.feed(e.getKey(), t);
      }
      try (Result r = runner.fetch(fetch).run()) {
        return values(r.get(0));
      }
    } finally {
      fed.forEach(Tensor::close);
    }
  }

  /** Values of {@code fetch} with nothing fed. */
  public static float[] fetch(Session session, Operand<TFloat32> fetch) {
    return fetch(session, fetch, Map.of());
  }

  /** Values of the output 0 of operation {@code name}. */
  public static float[] fetch(Session session, String name) {
    try (Result r = session.runner().fetch(name).run()) {
      return values(r.get(0));
    }
  }

  /** {@code n} standard-normal floats from {@code seed}. */
  public static float[] gaussian(int n, long seed) {
    Random random = new Random(seed);
    float[] out = new float[n];
    for (int i = 0; i < n; i++) {
      out[i] = (float) random.nextGaussian();
    }
    return out;
  }

  /** Largest absolute elementwise difference. */
  public static double maxAbsDiff(float[] a, float[] b) {
    if (a.length != b.length) {
      throw new AssertionError("lengths differ: " + a.length + " vs " + b.length);
    }
    double max = 0;
    for (int i = 0; i < a.length; i++) {
      max = Math.max(max, Math.abs(a[i] - b[i]));
    }
    return max;
  }
}
