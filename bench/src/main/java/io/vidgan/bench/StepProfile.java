package io.vidgan.bench;

import io.vidgan.metrics.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.proto.DeviceStepStats;
import org.tensorflow.proto.NodeExecStats;
import org.tensorflow.proto.StepStats;

/**
 * Where a traced run's time went: the op kernels TF executed ({@code RunOptions.trace_level =
 * FULL_TRACE}, {@code RunMetadata.step_stats}), grouped by op type (as executed, after oneDNN's
 * rewrites, e.g. {@code _MklNativeConv2D}), with their total time and share.
 */
public final class StepProfile {
  /** One op type's total over the run. */
  public record OpTime(String type, long micros, int count) {}

  private final List<OpTime> byType;
  private final long totalMicros;

  private StepProfile(List<OpTime> byType) {
    this.byType = List.copyOf(byType);
    this.totalMicros = byType.stream().mapToLong(OpTime::micros).sum();
  }

  /** Groups the kernels of {@code stats} (all devices) by op type, longest total first. */
  public static StepProfile of(StepStats stats) {
    Map<String, long[]> sums = new HashMap<>();
    for (DeviceStepStats device : stats.getDevStatsList()) {
      for (NodeExecStats node : device.getNodeStatsList()) {
        long[] s = sums.computeIfAbsent(opType(node), k -> new long[2]);
        s[0] += node.getAllEndRelMicros();
        s[1]++;
      }
    }
    List<OpTime> list = new ArrayList<>();
    sums.forEach((type, s) -> list.add(new OpTime(type, s[0], (int) s[1])));
    list.sort(Comparator.comparingLong(OpTime::micros).reversed()
        .thenComparing(OpTime::type));
    return new StepProfile(list);
  }

  /** The op type from a timeline label {@code "name = Type(inputs)"}; the node name if absent. */
  static String opType(NodeExecStats node) {
    String label = node.getTimelineLabel();
    int eq = label.indexOf(" = ");
    int paren = eq < 0 ? -1 : label.indexOf('(', eq);
    return paren < 0 ? node.getNodeName() : label.substring(eq + 3, paren);
  }

  /** Op types, longest total first. */
  public List<OpTime> byType() {
    return byType;
  }

  /** Kernel time summed over all ops (may exceed wall time when ops overlap). */
  public long totalMicros() {
    return totalMicros;
  }

  /** The {@code n} longest op types and the rest, as markdown cells "Type 41%". */
  public String top(int n) {
    List<String> parts = new ArrayList<>();
    long shown = 0;
    for (OpTime t : byType.subList(0, Math.min(n, byType.size()))) {
      parts.add(String.format(Locale.ROOT, "%s %.0f%%", t.type(), share(t.micros())));
      shown += t.micros();
    }
    parts.add(String.format(Locale.ROOT, "other %.0f%%", share(totalMicros - shown)));
    return String.join(", ", parts);
  }

  private double share(long micros) {
    return totalMicros == 0 ? 0 : 100.0 * micros / totalMicros;
  }

  /** The {@code n} longest op types as JSON-ready maps. */
  public List<Map<String, Object>> json(int n) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (OpTime t : byType.subList(0, Math.min(n, byType.size()))) {
      out.add(Json.object("op", t.type(), "ms", t.micros() / 1e3, "count", t.count(),
          "share", totalMicros == 0 ? 0.0 : (double) t.micros() / totalMicros));
    }
    return out;
  }
}
