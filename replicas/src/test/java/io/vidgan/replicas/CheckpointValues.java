package io.vidgan.replicas;

import io.vidgan.ops.Scopes;
import io.vidgan.ops.io.CheckpointIndex;
import io.vidgan.ops.io.CheckpointTensor;
import io.vidgan.ops.testing.TfRun;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.StdArrays;
import org.tensorflow.op.Ops;
import org.tensorflow.op.train.Restore;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TType;

/** Reads every float tensor of a checkpoint (for comparing two runs). */
final class CheckpointValues {
  private CheckpointValues() {}

  static Map<String, float[]> read(String prefix) throws IOException {
    List<String> names = new ArrayList<>();
    for (CheckpointTensor t : CheckpointIndex.read(prefix).tensors()) {
      names.add(t.name());
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      List<Class<? extends TType>> types = new ArrayList<>();
      names.forEach(n -> types.add(TFloat32.class));
      Restore restore = tf.train.restore(tf.constant(prefix),
          tf.constant(StdArrays.ndCopyOf(names.toArray(new String[0]))),
          tf.constant(StdArrays.ndCopyOf(names.stream().map(n -> "").toArray(String[]::new))),
          types);
      Session.Runner r = s.runner();
      restore.tensors().forEach(r::fetch);
      Map<String, float[]> values = new LinkedHashMap<>();
      try (Result result = r.run()) {
        for (int i = 0; i < names.size(); i++) {
          values.put(names.get(i), TfRun.values(result.get(i)));
        }
      }
      return values;
    }
  }

}
