package io.vidgan.ops.io;

import io.vidgan.ops.Scopes;
import io.vidgan.ops.Variables;
import io.vidgan.ops.testing.TfRun;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;

/** Writes small checkpoints with {@code Session.save} and remembers the values saved. */
final class CheckpointFixture {
  private CheckpointFixture() {}

  /**
   * Saves float variables of the given shapes holding Gaussian values from {@code seed}, plus an
   * int64 scalar {@code global_step} = 7.
   *
   * @return name -> saved values (row-major)
   */
  static Map<String, float[]> save(Path prefix, Map<String, Shape> shapes, long seed) {
    Map<String, float[]> saved = new LinkedHashMap<>();
    try (Graph g = new Graph()) {
      Ops tf = Scopes.root(g);
      long s = seed;
      for (Map.Entry<String, Shape> e : shapes.entrySet()) {
        float[] values = TfRun.gaussian((int) e.getValue().size(), s++);
        saved.put(e.getKey(), values);
        int slash = e.getKey().lastIndexOf('/');
        Ops scope = slash < 0 ? tf : Scopes.at(tf, e.getKey().substring(0, slash));
        Variables.create(scope, e.getKey().substring(slash + 1), e.getValue(),
            (init, name, shape) -> init.constant(shape, DataBuffers.of(values, true, false)));
      }
      Ops init = tf.withInitScope();
      init.withName("global_step").variable(init.constant(7L));
      try (Session session = new Session(g)) {
        session.initialize();
        session.save(prefix.toString());
      }
    }
    return saved;
  }

  /** {@code ("a", Shape.of(2), "b", Shape.of(3))} -> an ordered name -> shape map. */
  static Map<String, Shape> shapes(Object... nameShapePairs) {
    Map<String, Shape> out = new LinkedHashMap<>();
    for (int i = 0; i < nameShapePairs.length; i += 2) {
      out.put((String) nameShapePairs[i], (Shape) nameShapePairs[i + 1]);
    }
    return out;
  }
}
