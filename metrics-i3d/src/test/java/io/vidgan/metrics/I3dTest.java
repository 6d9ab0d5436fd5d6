package io.vidgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.ops.Scopes;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** I3D's architecture (per-layer shapes) and name contract (the published variable lists). */
class I3dTest {
  /**
   * The published per-layer table (i3d.py kernels and strides, SAME padding): endpoint -> time
   * divisor, spatial size, channels.
   */
  private static final Map<String, int[]> TABLE = new LinkedHashMap<>();

  static {
    TABLE.put("Conv3d_1a_7x7", new int[] {2, 112, 64});
    TABLE.put("MaxPool3d_2a_3x3", new int[] {2, 56, 64});
    TABLE.put("Conv3d_2b_1x1", new int[] {2, 56, 64});
    TABLE.put("Conv3d_2c_3x3", new int[] {2, 56, 192});
    TABLE.put("MaxPool3d_3a_3x3", new int[] {2, 28, 192});
    TABLE.put("Mixed_3b", new int[] {2, 28, 256});
    TABLE.put("Mixed_3c", new int[] {2, 28, 480});
    TABLE.put("MaxPool3d_4a_3x3", new int[] {4, 14, 480});
    TABLE.put("Mixed_4b", new int[] {4, 14, 512});
    TABLE.put("Mixed_4c", new int[] {4, 14, 512});
    TABLE.put("Mixed_4d", new int[] {4, 14, 512});
    TABLE.put("Mixed_4e", new int[] {4, 14, 528});
    TABLE.put("Mixed_4f", new int[] {4, 14, 832});
    TABLE.put("MaxPool3d_5a_2x2", new int[] {8, 7, 832});
    TABLE.put("Mixed_5b", new int[] {8, 7, 832});
    TABLE.put("Mixed_5c", new int[] {8, 7, 1024});
  }

  @ParameterizedTest
  @ValueSource(ints = {16, 64})
  void endpointShapesMatchThePublishedTable(int frames) {
    try (Graph g = new Graph()) {
      Ops tf = Scopes.root(g);
      I3d i3d = new I3d(tf, I3dLayout.KINETICS_400, 1);
      I3d.Outputs out = i3d.apply(tf, video(tf, 2, frames));
      assertEquals(I3d.ENDPOINTS, out.endpoints().keySet().stream().collect(Collectors.toList()));
      for (Map.Entry<String, int[]> e : TABLE.entrySet()) {
        int[] row = e.getValue();
        assertEquals(Shape.of(2, frames / row[0], row[1], row[1], row[2]),
            out.endpoints().get(e.getKey()).shape(), e.getKey());
      }
      assertEquals(Shape.of(2, 400), out.endpoints().get("Logits").shape());
      assertEquals(Shape.of(2, 400), out.endpoints().get("Predictions").shape());
      assertEquals(Shape.of(2, I3d.FEATURES), out.pooled().shape());
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"rgb_imagenet", "rgb_scratch_kin600"})
  void variablesAreThePublishedCheckpointsNamesAndShapes(String checkpoint) throws IOException {
    Map<String, String> published = publishedVariables(checkpoint);
    I3dLayout layout = checkpoint.endsWith("kin600") ? I3dLayout.KINETICS_600
        : I3dLayout.KINETICS_400;
    try (Graph g = new Graph()) {
      I3d i3d = new I3d(Scopes.root(g), layout, 1);
      Map<String, String> built = new TreeMap<>();
      i3d.variables().forEach((name, v) -> built.put(name, dims(v.shape())));
      assertEquals(published, built);
      assertEquals(230, built.size());
    }
  }

  @Test
  void fewerThanNineFramesIsAClearError() {
    try (Graph g = new Graph()) {
      Ops tf = Scopes.root(g);
      I3d i3d = new I3d(tf, I3dLayout.KINETICS_400, 1);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> i3d.apply(tf, video(tf, 1, 8)));
      assertTrue(e.getMessage().startsWith("I3D needs at least 9 frames per clip"), e.getMessage());
      assertTrue(e.getMessage().endsWith("got 8 frames"), e.getMessage());
    }
  }

  private static Placeholder<TFloat32> video(Ops tf, int batch, int frames) {
    return tf.placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(batch, frames, I3d.IMAGE_SIZE, I3d.IMAGE_SIZE, 3)));
  }

  /** name -> "AxBx..." of a published list, without optimizer slots. */
  static Map<String, String> publishedVariables(String checkpoint) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (BufferedReader r = new BufferedReader(new InputStreamReader(
        I3dTest.class.getResourceAsStream(checkpoint + ".vars.txt"), StandardCharsets.UTF_8))) {
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] f = line.trim().split(" ");
        if (!f[0].endsWith("/Momentum")) {
          assertEquals("float32", f[1], line);
          out.put(f[0], f[2]);
        }
      }
    }
    return out;
  }

  private static String dims(Shape s) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.numDimensions(); i++) {
      sb.append(i == 0 ? "" : "x").append(s.get(i));
    }
    return sb.toString();
  }
}
