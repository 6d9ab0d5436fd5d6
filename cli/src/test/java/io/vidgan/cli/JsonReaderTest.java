package io.vidgan.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonReaderTest {
  @Test
  void parsesEveryKindOfValue() {
    Object v = JsonReader.parse(" {\"a\": [1, -2.5e1, true, false, null], \"b\": {\"c\":"
        + " \"x\\\"y\\u00e9\\n\"}, \"d\": []} ");
    Map<?, ?> m = (Map<?, ?>) v;
    assertEquals(Arrays.asList(1.0, -25.0, true, false, null), m.get("a"));
    assertEquals(Map.of("c", "x\"y\u00e9\n"), m.get("b"));
    assertEquals(List.of(), m.get("d"));
    assertEquals(List.of("a", "b", "d"), List.copyOf(m.keySet()), "keys in order");
  }

  @Test
  void badInputSaysWhatWasExpectedWhere() {
    assertMessage("expected ':' at character 5", "{\"a\" 1}");
    assertMessage("expected end of input at character 3", "[] x");
    assertMessage("expected a value at character 1", "[");
    assertMessage("expected a string key at character 1", "{1: 2}");
  }

  private static void assertMessage(String expected, String json) {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> JsonReader.parse(json));
    assertTrue(e.getMessage().equals(expected), e.getMessage());
  }
}
