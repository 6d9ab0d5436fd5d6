package io.vidgan.bench;

import io.vidgan.metrics.Json;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a bench run found: figures (one row each in the main table), extra markdown sections (the
 * profile's top ops), the raw measurements behind them and the conditions of the run. Written as
 * markdown for people and as JSON for tools.
 */
public final class Report {
  private final String machine;
  private final Map<String, Object> environment;
  private final List<Figure> figures = new ArrayList<>();
  private final Map<String, String> sections = new LinkedHashMap<>();
  private final Map<String, Map<String, Object>> raw = new LinkedHashMap<>();

  /**
   * @param machine one line naming what was measured on, the markdown's first line (the CPU, its
   *     cores and load), or empty
   * @param environment machine and run conditions (cores, load, date, command, reps)
   */
  public Report(String machine, Map<String, Object> environment) {
    this.machine = machine;
    this.environment = new LinkedHashMap<>(environment);
  }

  public void add(Figure figure) {
    figures.add(figure);
  }

  /** A markdown section printed after the main table. */
  public void section(String title, String markdown) {
    sections.put(title, markdown);
  }

  /** Records a raw measurement ({@code value}: numbers, strings, lists or maps of them). */
  public void raw(String measurement, String key, Object value) {
    Object v = value instanceof double[] a ? Arrays.stream(a).boxed().toList() : value;
    raw.computeIfAbsent(measurement, k -> new LinkedHashMap<>()).put(key, v);
  }

  public List<Figure> figures() {
    return List.copyOf(figures);
  }

  /** The machine's line, the main table, then each section under a bold title. */
  public String markdown() {
    StringBuilder sb = new StringBuilder();
    if (!machine.isEmpty()) {
      sb.append("Measured on ").append(machine).append(".\n\n");
    }
    sb.append("| measurement | figure | value | target | met | measured |\n");
    sb.append("|---|---|---|---|---|---|\n");
    for (Figure f : figures) {
      sb.append("| ").append(f.measurement()).append(" | ").append(f.name()).append(" | ")
          .append(f.formatted()).append(" | ")
          .append(f.target() == null ? "" : f.target().describe(f.unit())).append(" | ")
          .append(f.verdict()).append(" | ").append(f.detail() == null ? "" : f.detail())
          .append(" |\n");
    }
    sections.forEach((title, body) -> sb.append("\n**").append(title).append("**\n\n")
        .append(body).append(body.endsWith("\n") ? "" : "\n"));
    return sb.toString();
  }

  public String json() {
    List<Object> rows = new ArrayList<>();
    for (Figure f : figures) {
      rows.add(Json.object("measurement", f.measurement(), "name", f.name(), "value", f.value(),
          "unit", f.unit(), "target", f.target() == null ? null : Json.object("at_most",
              f.target().atMost(), "bound", f.target().bound()),
          "met", f.target() == null ? null : f.target().met(f.value()), "detail", f.detail()));
    }
    return Json.write(Json.object("environment", environment, "figures", rows, "raw", raw));
  }
}
