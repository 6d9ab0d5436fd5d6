package io.vidgan.data.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class FileNamesTest {
  @Test
  void naturalOrderComparesNumbersAsNumbers() {
    List<String> names = new ArrayList<>(List.of("frame_10.jpg", "frame_2.jpg", "frame_1.jpg",
        "frame_02.jpg", "a/9", "a/10", "b"));
    names.sort(FileNames.NATURAL_ORDER);
    assertEquals(List.of("a/9", "a/10", "b", "frame_1.jpg", "frame_02.jpg", "frame_2.jpg",
        "frame_10.jpg"), names);
  }

  @Test
  void classFoldersBecomeLabelsInSortedOrder() {
    assertArrayEquals(new int[] {1, 0, 1, 2},
        FileNames.classLabels(List.of("run/v1", "jump/v2", "run/v3", "swim/v4")));
    assertArrayEquals(new int[] {-1, -1}, FileNames.classLabels(List.of("run/v1", "v2")));
  }

  @Test
  void extensions() {
    assertEquals("jpg", FileNames.extension("a.b/C.JPG"));
    assertEquals("", FileNames.extension("a.b/c"));
  }
}
