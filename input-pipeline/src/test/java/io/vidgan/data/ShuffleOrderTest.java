package io.vidgan.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

class ShuffleOrderTest {
  @Test
  void isAPermutationForEverySize() {
    for (int n : new int[] {1, 2, 3, 5, 16, 17, 100, 1000, 4097}) {
      ShuffleOrder order = new ShuffleOrder(n, 42);
      boolean[] seen = new boolean[n];
      for (int i = 0; i < n; i++) {
        int v = order.at(i);
        assertTrue(v >= 0 && v < n && !seen[v], "n=" + n + " repeats " + v);
        seen[v] = true;
      }
    }
  }

  @Test
  void keysGiveDifferentOrdersThatLookShuffled() {
    int n = 1000;
    int[] a = new int[n];
    int[] b = new int[n];
    int fixedPoints = 0;
    for (int i = 0; i < n; i++) {
      a[i] = new ShuffleOrder(n, 1).at(i);
      b[i] = new ShuffleOrder(n, 2).at(i);
      fixedPoints += a[i] == i ? 1 : 0;
    }
    assertNotEquals(Arrays.toString(a), Arrays.toString(b));
    assertTrue(fixedPoints < 10, "a random permutation has about 1 fixed point, got "
        + fixedPoints);
    assertEquals(a[7], new ShuffleOrder(n, 1).at(7), "deterministic");
  }
}
