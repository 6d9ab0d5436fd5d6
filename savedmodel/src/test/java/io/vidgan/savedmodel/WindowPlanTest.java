package io.vidgan.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class WindowPlanTest {
  @Test
  void theDocumentedExample() {
    WindowPlan plan = WindowPlan.of(10, 4, 2);
    assertEquals(List.of(new WindowPlan.Window(0, 0, 3), new WindowPlan.Window(2, 3, 5),
        new WindowPlan.Window(4, 5, 7), new WindowPlan.Window(6, 7, 10)), plan.windows());
  }

  @Test
  void everyFrameIsMadeOnceByTheWindowWithTheNearestCentre() {
    for (int window = 1; window <= 7; window++) {
      for (int stride = 1; stride <= window; stride++) {
        for (int length = window; length <= 30; length++) {
          WindowPlan plan = WindowPlan.of(length, window, stride);
          String where = "length " + length + " window " + window + " stride " + stride;
          List<WindowPlan.Window> windows = plan.windows();
          assertEquals(0, windows.get(0).start(), where);
          assertEquals(length - window, windows.get(windows.size() - 1).start(), where);
          int next = 0;
          for (int k = 0; k < windows.size(); k++) {
            WindowPlan.Window w = windows.get(k);
            assertTrue(k == 0 || w.start() - windows.get(k - 1).start() <= stride, where);
            assertEquals(next, w.keepFrom(), where + ": ranges must tile the video");
            assertTrue(w.keepTo() > w.keepFrom(), where + ": window " + k + " keeps nothing");
            assertTrue(w.start() <= w.keepFrom() && w.keepTo() <= w.start() + window,
                where + ": window " + k + " keeps frames it does not see");
            for (int t = w.keepFrom(); t < w.keepTo(); t++) {
              assertEquals(Stitching.owner(plan, t), k, where + " frame " + t);
            }
            next = w.keepTo();
          }
          assertEquals(length, next, where);
        }
      }
    }
  }

  @Test
  void outputIndicesPointIntoTheOwningWindowsOutput() {
    WindowPlan plan = WindowPlan.of(7, 3, 2);
    int factor = 2;
    int[] indices = plan.outputIndices(factor);
    assertEquals(14, indices.length);
    for (int j = 0; j < indices.length; j++) {
      int k = Stitching.owner(plan, j / factor);
      int start = plan.windows().get(k).start();
      assertEquals(k * 3 * factor + (j / factor - start) * factor + j % factor, indices[j]);
    }
    int[][] frames = plan.frameIndices();
    assertEquals(plan.windows().size(), frames.length);
    assertEquals(List.of(4, 5, 6), List.of(frames[2][0], frames[2][1], frames[2][2]));
  }

  @Test
  void nonOverlappingWindowsKeepEverything() {
    for (WindowPlan.Window w : WindowPlan.of(12, 4, 4).windows()) {
      assertEquals(w.start(), w.keepFrom());
      assertEquals(w.start() + 4, w.keepTo());
    }
  }

  @Test
  void refusesImpossiblePlans() {
    assertThrows(IllegalArgumentException.class, () -> WindowPlan.of(3, 4, 2));
    assertThrows(IllegalArgumentException.class, () -> WindowPlan.of(10, 4, 5));
    assertThrows(IllegalArgumentException.class, () -> WindowPlan.of(10, 4, 0));
  }
}
