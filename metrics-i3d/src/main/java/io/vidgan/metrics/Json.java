package io.vidgan.metrics;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes maps, lists, strings, numbers, booleans and nulls as indented JSON (no JSON library is
 * on the classpath, and metrics files need nothing more). Non-finite numbers become {@code null}.
 */
public final class Json {
  private Json() {}

  /** An insertion-ordered object from {@code key, value, key, value, ...}. */
  public static Map<String, Object> object(Object... keysAndValues) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      m.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    return m;
  }

  /** {@code value} as indented JSON, ending with a newline. */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value, "");
    return sb.append('\n').toString();
  }

  private static void write(StringBuilder sb, Object value, String indent) {
    if (value instanceof Map<?, ?> map) {
      container(sb, map.entrySet().iterator(), indent, '{', '}', (e, inner) -> {
        Map.Entry<?, ?> entry = (Map.Entry<?, ?>) e;
        string(sb, String.valueOf(entry.getKey()));
        sb.append(": ");
        write(sb, entry.getValue(), inner);
      });
    } else if (value instanceof List<?> list) {
      container(sb, list.iterator(), indent, '[', ']', (e, inner) -> write(sb, e, inner));
    } else if (value instanceof String s) {
      string(sb, s);
    } else if (value instanceof Double || value instanceof Float) {
      double d = ((Number) value).doubleValue();
      sb.append(Double.isFinite(d) ? Double.toString(d) : "null");
    } else if (value == null || value instanceof Number || value instanceof Boolean) {
      sb.append(value);
    } else {
      throw new IllegalArgumentException("cannot write " + value.getClass() + " as JSON");
    }
  }

  private interface ElementWriter {
    void write(Object element, String indent);
  }

  private static void container(StringBuilder sb, Iterator<?> it, String indent, char open,
      char close, ElementWriter element) {
    sb.append(open);
    if (!it.hasNext()) {
      sb.append(close);
      return;
    }
    String inner = indent + "  ";
    while (it.hasNext()) {
      sb.append('\n').append(inner);
      element.write(it.next(), inner);
      sb.append(it.hasNext() ? "," : "");
    }
    sb.append('\n').append(indent).append(close);
  }

  private static void string(StringBuilder sb, String s) {
    sb.append('"');
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\t' -> sb.append("\\t");
        case '\r' -> sb.append("\\r");
        default -> sb.append(c < 0x20 ? String.format(Locale.ROOT, "\\u%04x", (int) c) : c);
      }
    }
    sb.append('"');
  }
}
