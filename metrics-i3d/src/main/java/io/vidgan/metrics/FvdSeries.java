package io.vidgan.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * Several evaluations of one model reported together: {@code --runs=K} (K seeds of the generated
 * set against the same real statistics, mean and standard deviation) or {@code --per-class} (one
 * figure per class, HVG Table 4, and their mean).
 */
final class FvdSeries {
  private final String kind;
  private final List<String> names = new ArrayList<>();
  private final List<FvdReport> reports = new ArrayList<>();

  /** @param kind what varies between the evaluations: {@code runs} or {@code classes} */
  FvdSeries(String kind) {
    this.kind = kind;
  }

  void add(String name, FvdReport report) {
    names.add(name);
    reports.add(report);
  }

  /** Mean and sample standard deviation (0 for one value). */
  static double[] meanStd(List<Double> values) {
    double mean = values.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
    double ss = values.stream().mapToDouble(v -> (v - mean) * (v - mean)).sum();
    return new double[] {mean, values.size() < 2 ? 0 : Math.sqrt(ss / (values.size() - 1))};
  }

  private double[] stat(ToDoubleFunction<FvdReport> metric) {
    return meanStd(reports.stream().map(r -> metric.applyAsDouble(r)).toList());
  }

  private Map<String, Object> statistics() {
    FvdReport first = reports.get(0);
    Map<String, Object> m = Json.object("fvd", pair(stat(FvdReport::fvd)));
    first.fid().ifPresent(v -> m.put("fid", pair(stat(r -> r.fid().getAsDouble()))));
    first.inceptionScore().ifPresent(v -> m.put("is", pair(stat(
        r -> r.inceptionScore().orElseThrow().mean()))));
    return m;
  }

  private static Map<String, Object> pair(double[] meanStd) {
    return Json.object("mean", meanStd[0], "std", meanStd[1]);
  }

  String toJson() {
    List<Object> each = new ArrayList<>();
    for (int i = 0; i < reports.size(); i++) {
      Map<String, Object> m = reports.get(i).toMap();
      m.put("name", names.get(i));
      each.add(m);
    }
    return Json.write(Json.object("metric", reports.get(0).metric(), "over", kind, "count",
        reports.size(), "statistics", statistics(), kind, each));
  }

  String summary() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < reports.size(); i++) {
      sb.append(names.get(i)).append(": ").append(reports.get(i).summary());
    }
    double[] fvd = stat(FvdReport::fvd);
    sb.append(String.format(Locale.ROOT, "%s over %d %s: FVD %.3f +- %.3f", reports.get(0)
        .metric(), reports.size(), kind, fvd[0], fvd[1]));
    reports.get(0).fid().ifPresent(v -> {
      double[] fid = stat(r -> r.fid().getAsDouble());
      sb.append(String.format(Locale.ROOT, ", FID %.3f +- %.3f", fid[0], fid[1]));
    });
    reports.get(0).inceptionScore().ifPresent(v -> {
      double[] is = stat(r -> r.inceptionScore().orElseThrow().mean());
      sb.append(String.format(Locale.ROOT, ", IS %.3f +- %.3f", is[0], is[1]));
    });
    return sb.append('\n').toString();
  }
}
