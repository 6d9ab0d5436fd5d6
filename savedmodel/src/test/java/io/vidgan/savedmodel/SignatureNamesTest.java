package io.vidgan.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.proto.DataType;
import org.tensorflow.proto.MetaGraphDef;
import org.tensorflow.proto.NodeDef;
import org.tensorflow.proto.SignatureDef;
import org.tensorflow.proto.TensorInfo;

/**
 * The exported signatures as another TensorFlow (Python's {@code tf.saved_model.load}) sees them:
 * the documented names, dtypes and shapes, and no placeholder reachable from an output that is
 * not an input (Python prunes each signature to a function of its inputs and fails otherwise).
 */
class SignatureNamesTest {
  @Test
  void signaturesHaveTheDocumentedInputsAndOutputs() throws Exception {
    MetaGraphDef graph = metaGraph();
    Map<String, SignatureDef> sigs = graph.getSignatureDefMap();
    assertEquals(Set.of("generate_lres", "generate_lres_chunk", "upsample_sres", "generate"),
        sigs.keySet());
    assertEquals("[-1, 8] DT_FLOAT", describe(sigs.get("generate_lres").getInputsOrThrow("z")));
    assertEquals("[-1] DT_INT32", describe(sigs.get("generate_lres").getInputsOrThrow("labels")));
    assertEquals("[-1, 4, 8, 8, 3] DT_FLOAT",
        describe(sigs.get("generate_lres").getOutputsOrThrow("video")));
    SignatureDef chunk = sigs.get("generate_lres_chunk");
    assertEquals(Set.of("z", "labels", "frame_offset", "state_0", "state_1"),
        chunk.getInputsMap().keySet());
    assertEquals("[] DT_INT32", describe(chunk.getInputsOrThrow("frame_offset")));
    assertEquals("[-1, 4, 4, 8] DT_FLOAT", describe(chunk.getInputsOrThrow("state_0")));
    assertEquals("[-1, 8, 8, 4] DT_FLOAT", describe(chunk.getOutputsOrThrow("state_1")));
    SignatureDef upsample = sigs.get("upsample_sres");
    assertEquals(Set.of("z", "labels", "low_res", "frame_offset"),
        upsample.getInputsMap().keySet());
    assertEquals("[-1, -1, 8, 8, 3] DT_FLOAT", describe(upsample.getInputsOrThrow("low_res")),
        "a clip of any length");
    assertEquals("[] DT_INT32", describe(upsample.getInputsOrThrow("frame_offset")));
    assertEquals("[-1, -1, 16, 16, 3] DT_FLOAT", describe(upsample.getOutputsOrThrow("video")));
    SignatureDef chain = sigs.get("generate");
    assertEquals(Set.of("z", "labels", "z_sres"), chain.getInputsMap().keySet());
    assertEquals(Set.of("video", "video_lres"), chain.getOutputsMap().keySet());
    assertEquals("[-1, 8, 16, 16, 3] DT_FLOAT", describe(chain.getOutputsOrThrow("video")));
  }

  @Test
  void everyPlaceholderAnOutputNeedsIsAnInput() throws Exception {
    MetaGraphDef graph = metaGraph();
    Map<String, NodeDef> nodes = new HashMap<>();
    graph.getGraphDef().getNodeList().forEach(n -> nodes.put(n.getName(), n));
    for (Map.Entry<String, SignatureDef> e : graph.getSignatureDefMap().entrySet()) {
      Set<String> inputs = new HashSet<>();
      e.getValue().getInputsMap().values().forEach(i -> inputs.add(op(i.getName())));
      Set<String> seen = new HashSet<>();
      Deque<String> todo = new ArrayDeque<>();
      e.getValue().getOutputsMap().values().forEach(o -> todo.add(op(o.getName())));
      while (!todo.isEmpty()) {
        String name = todo.pop();
        if (!seen.add(name) || inputs.contains(name)) {
          continue;
        }
        NodeDef node = nodes.get(name);
        assertTrue(!node.getOp().equals("Placeholder"),
            e.getKey() + " needs placeholder " + name + " that is not one of its inputs");
        node.getInputList().forEach(i -> todo.add(op(i)));
      }
      for (String input : inputs) {
        assertTrue(List.of("Placeholder", "PlaceholderWithDefault")
            .contains(nodes.get(input).getOp()), e.getKey() + " input " + input);
      }
    }
  }

  private static MetaGraphDef metaGraph() throws Exception {
    try (SavedModelBundle b = SavedModelBundle.load(TinyChain.get().model.toString(),
        SavedModelBundle.DEFAULT_TAG)) {
      return b.metaGraphDef();
    }
  }

  /** The op name of a tensor name ({@code op:1}) or control input ({@code ^op}). */
  private static String op(String tensor) {
    String name = tensor.startsWith("^") ? tensor.substring(1) : tensor;
    int colon = name.indexOf(':');
    return colon < 0 ? name : name.substring(0, colon);
  }

  private static String describe(TensorInfo info) {
    List<Long> dims = info.getTensorShape().getDimList().stream()
        .map(d -> d.getSize()).toList();
    return dims + " " + DataType.forNumber(info.getDtypeValue());
  }
}
