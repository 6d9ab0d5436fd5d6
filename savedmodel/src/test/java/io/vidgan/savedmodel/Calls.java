package io.vidgan.savedmodel;

import io.vidgan.ops.testing.TfRun;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TInt32;

/** Calls an exported model's signatures with Java arrays. */
final class Calls {
  private final Map<String, Tensor> inputs = new LinkedHashMap<>();

  /** A float input of {@code shape}. */
  Calls floats(String name, Shape shape, float[] values) {
    inputs.put(name, TfRun.tensor(shape, values));
    return this;
  }

  Calls ints(String name, int... values) {
    inputs.put(name, TInt32.vectorOf(values));
    return this;
  }

  Calls scalar(String name, int value) {
    inputs.put(name, TInt32.scalarOf(value));
    return this;
  }

  /** Runs {@code signature}, closes the inputs, returns every float output by name. */
  Map<String, float[]> run(ExportedModel model, String signature) {
    try (Result out = model.call(signature, inputs)) {
      Map<String, float[]> values = new LinkedHashMap<>();
      for (String key : out.keySet()) {
        values.put(key, TfRun.values(out.get(key).orElseThrow()));
      }
      return values;
    } finally {
      inputs.values().forEach(Tensor::close);
    }
  }
}
