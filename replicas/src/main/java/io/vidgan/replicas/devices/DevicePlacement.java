package io.vidgan.replicas.devices;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.proto.NodeDef;

/**
 * Puts every node of a replicated training graph on a device, by rewriting its GraphDef.
 *
 * <p>TF Java's {@code addGradients} ignores device scopes, and gradient node names do not derive
 * from the forward ops, so the backward pass would all land on one device. Rules, in graph order:
 *
 * <ul>
 *   <li>a node that already has a device keeps it (each replica's forward pass);
 *   <li>a node under a gradient prefix goes to the device of its data inputs when they agree on
 *       one replica device (that replica's backward pass), else to the parameter device (where the
 *       contributions of several replicas are summed);
 *   <li>everything else (variables, optimizer, losses averaged over replicas) goes to the
 *       parameter device.
 * </ul>
 */
public final class DevicePlacement {
  private DevicePlacement() {}

  /**
   * @param gradientPrefixes name prefixes of the gradient subgraphs, e.g. {@code gradients_D_adam}
   * @param parameters the parameter device
   */
  public static GraphDef place(GraphDef graph, List<String> gradientPrefixes, String parameters) {
    Map<String, String> devices = new HashMap<>();
    GraphDef.Builder out = graph.toBuilder();
    for (NodeDef.Builder node : out.getNodeBuilderList()) {
      String device = node.getDevice();
      if (device.isEmpty()) {
        device = isGradient(node.getName(), gradientPrefixes)
            ? inputDevice(node, devices, parameters) : parameters;
        node.setDevice(device);
      }
      devices.put(node.getName(), device);
    }
    return out.build();
  }

  private static boolean isGradient(String name, List<String> prefixes) {
    for (String p : prefixes) {
      if (name.startsWith(p + "/")) {
        return true;
      }
    }
    return false;
  }

  private static String inputDevice(NodeDef.Builder node, Map<String, String> devices,
      String parameters) {
    Set<String> seen = new HashSet<>();
    for (String input : node.getInputList()) {
      if (input.startsWith("^")) {
        continue;
      }
      String device = devices.get(input.replaceFirst(":\\d+$", ""));
      if (device != null && !device.equals(parameters)) {
        seen.add(device);
      }
    }
    return seen.size() == 1 ? seen.iterator().next() : parameters;
  }
}
