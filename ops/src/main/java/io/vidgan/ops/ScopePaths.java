package io.vidgan.ops;

import java.util.HashMap;
import java.util.Map;
import org.tensorflow.op.Ops;

/**
 * Scopes for slash-separated paths under one root, each path created once.
 *
 * <p>TF Java makes every {@code withSubScope} name unique within its parent ({@code net}, then
 * {@code net_1}), so state that mirrors the model's variable paths (optimizer slots, EMA copies)
 * must reuse one scope object per path.
 */
public final class ScopePaths {
  private final Map<String, Ops> scopes = new HashMap<>();

  /** @param root the scope the paths are relative to */
  public ScopePaths(Ops root) {
    scopes.put("", root);
  }

  /** The scope {@code root/path} ({@code path} without leading or trailing slash; may be empty). */
  public Ops get(String path) {
    Ops scope = scopes.get(path);
    if (scope == null) {
      int slash = path.lastIndexOf('/');
      scope = get(slash < 0 ? "" : path.substring(0, slash)).withSubScope(path.substring(slash + 1));
      scopes.put(path, scope);
    }
    return scope;
  }
}
