package io.vidgan.ops;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.tensorflow.ConcreteFunction;
import org.tensorflow.DeviceSpec;
import org.tensorflow.ExecutionEnvironment;
import org.tensorflow.Graph;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operation;
import org.tensorflow.OperationBuilder;
import org.tensorflow.op.Ops;
import org.tensorflow.op.Scope;

/**
 * {@code Ops} whose names are made unique by one registry per graph.
 *
 * <p>TF Java's own scopes make a name unique by scanning every op of the graph through JNI each
 * time a sub-scope is opened, which makes building a video GAN (tens of thousands of ops) take
 * minutes, and they make names unique per scope object, so re-entering a scope from another object
 * silently yields {@code lres_1}. Here a sub-scope or op name is unique across the graph in O(1),
 * and {@link #at} re-enters an exact path on purpose (optimizer slots, EMA shadows).
 *
 * <p>All of a graph's model ops should come from one {@link #root}; ops added by others (the C++
 * gradient builder under its prefix, TF Java's saver) live under their own prefixes.
 */
public final class Scopes {
  private Scopes() {}

  /** The root {@code Ops} of {@code graph}, with a registry seeded from the graph's ops. */
  public static Ops root(Graph graph) {
    Set<String> used = new HashSet<>();
    for (Iterator<GraphOperation> it = graph.operations(); it.hasNext(); ) {
      String name = it.next().name();
      for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
        used.add(name.substring(0, slash));
      }
      used.add(name);
    }
    return wrap(new RegistryScope(graph, new Registry(used), "", null, List.of(),
        DeviceSpec.newBuilder().build(), false));
  }

  /**
   * {@code Ops} for exactly {@code path} (no suffix added), with {@code tf}'s device and registry.
   *
   * @param tf any {@code Ops} made by {@link #root} for the graph
   * @param path a slash-separated scope path, e.g. {@code G_adam/lres/generator}
   */
  public static Ops at(Ops tf, String path) {
    RegistryScope s = scope(tf);
    checkArgument(!path.isEmpty() && !path.startsWith("/") && !path.endsWith("/"),
        "bad scope path '%s'", path);
    s.registry.claimPath(path);
    return wrap(new RegistryScope(s.graph, s.registry, path, null, List.of(), s.device, false));
  }

  /** The scope path of {@code tf} ({@code ""} at the root). */
  public static String path(Ops tf) {
    return scope(tf).prefix;
  }

  private static RegistryScope scope(Ops tf) {
    checkArgument(tf.scope() instanceof RegistryScope,
        "Ops must come from Scopes.root(graph), got %s", tf.scope().getClass().getSimpleName());
    return (RegistryScope) tf.scope();
  }

  private static Ops wrap(RegistryScope scope) {
    return Ops.create(new Environment(scope));
  }

  /** Every name in use: ops and scope paths. */
  private static final class Registry {
    private final Set<String> used;

    Registry(Set<String> used) {
      this.used = used;
    }

    synchronized String unique(String prefix, String id) {
      String name = id;
      for (int k = 1; used.contains(qualify(prefix, name)); k++) {
        name = id + "_" + k;
      }
      used.add(qualify(prefix, name));
      return name;
    }

    synchronized void claimPath(String path) {
      for (int slash = path.indexOf('/'); slash > 0; slash = path.indexOf('/', slash + 1)) {
        used.add(path.substring(0, slash));
      }
      used.add(path);
    }
  }

  private static String qualify(String prefix, String name) {
    return prefix.isEmpty() ? name : prefix + "/" + name;
  }

  /** Hands {@link Ops#create} a scope of ours; every op is still built in the real graph. */
  private record Environment(RegistryScope base) implements ExecutionEnvironment {
    @Override
    public OperationBuilder opBuilder(String type, String name, Scope scope) {
      return base.graph.opBuilder(type, name, scope);
    }

    @Override
    public void attachFunction(ConcreteFunction function) {
      base.graph.attachFunction(function);
    }

    @Override
    public void checkInput(Operation input) {
      base.graph.checkInput(input);
    }

    @Override
    public Types environmentType() {
      return Types.GRAPH;
    }

    @Override
    public Scope baseScope() {
      return base;
    }

    @Override
    public boolean isInitializer(Operation op) {
      return base.graph.isInitializer(op);
    }
  }

  /** A {@link Scope} with the semantics of TF Java's {@code OpScope}, named by a registry. */
  private static final class RegistryScope implements Scope {
    private final Graph graph;
    private final Registry registry;
    private final String prefix;
    private final String opName;
    private final List<Operation> controls;
    private final DeviceSpec device;
    private final boolean init;

    RegistryScope(Graph graph, Registry registry, String prefix, String opName,
        List<Operation> controls, DeviceSpec device, boolean init) {
      this.graph = graph;
      this.registry = registry;
      this.prefix = prefix;
      this.opName = opName;
      this.controls = controls;
      this.device = device;
      this.init = init;
    }

    private RegistryScope with(String newPrefix, String newOpName, List<Operation> newControls,
        DeviceSpec newDevice, boolean newInit) {
      return new RegistryScope(graph, registry, newPrefix, newOpName, newControls, newDevice,
          newInit);
    }

    @Override
    public ExecutionEnvironment env() {
      return graph;
    }

    @Override
    public Scope withSubScope(String childScopeName) {
      checkArgument(Scope.isValidOpName(childScopeName), "invalid scope name '%s'",
          childScopeName);
      String child = registry.unique(prefix, opName != null ? opName : childScopeName);
      return with(qualify(prefix, child), null, controls, device, init);
    }

    @Override
    public Scope withName(String name) {
      checkArgument(Scope.isValidOpName(name), "invalid op name '%s'", name);
      return with(prefix, name, controls, device, init);
    }

    @Override
    public Scope withNameAsSubScope(String defaultName) {
      String child = registry.unique(prefix, opName != null ? opName : defaultName);
      return with(qualify(prefix, child), null, controls, device, init);
    }

    @Override
    public Scope withDevice(DeviceSpec newDevice) {
      return with(prefix, opName, controls, newDevice, init);
    }

    @Override
    public Scope withInitScope() {
      return with(prefix, opName, List.of(), device, true);
    }

    @Override
    public String makeOpName(String defaultName) {
      return qualify(prefix, registry.unique(prefix, opName != null ? opName : defaultName));
    }

    @Override
    public String makeUnique(String id) {
      return registry.unique(prefix, id);
    }

    @Override
    public void refreshNames() {}

    @Override
    public Scope withControlDependencyOps(Iterable<Operation> newControls) {
      List<Operation> kept = new ArrayList<>();
      for (Operation control : newControls) {
        graph.checkInput(control);
        checkArgument(!init || graph.isInitializer(control),
            "Init scope can not have non-init control dependency.");
        if (init || !graph.isInitializer(control)) {
          kept.add(control);
        }
      }
      return with(prefix, opName, kept, device, init);
    }

    @Override
    public OperationBuilder apply(OperationBuilder builder) {
      builder.setDevice(device.toString());
      for (Operation control : controls) {
        if (init || !graph.isInitializer(control)) {
          builder.addControlInput(control);
        }
      }
      return builder;
    }

    @Override
    public String getDeviceString() {
      return device.toString();
    }

    @Override
    public boolean isInit() {
      return init;
    }
  }
}
