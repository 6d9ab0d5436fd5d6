package io.vidgan.savedmodel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The chunking of a whole-video application: kept ranges tile the video, halos are exact. */
class ChunkPlanTest {
  @Test
  void theJavadocExample() {
    assertEquals(List.of(new ChunkPlan.Chunk(0, 6, 0, 4), new ChunkPlan.Chunk(2, 10, 4, 8),
        new ChunkPlan.Chunk(6, 10, 8, 10)), ChunkPlan.of(10, 4, 2).chunks());
  }

  @Test
  void keptRangesTileTheVideoWithAFullHaloOrATrueEndOnEachSide() {
    for (int length = 1; length <= 20; length++) {
      for (int chunk = 1; chunk <= 6; chunk++) {
        for (int halo = 0; halo <= 4; halo++) {
          int next = 0;
          for (ChunkPlan.Chunk c : ChunkPlan.of(length, chunk, halo).chunks()) {
            assertEquals(next, c.keepFrom());
            assertEquals(Math.min(chunk, length - next), c.keepTo() - c.keepFrom());
            assertEquals(Math.max(0, c.keepFrom() - halo), c.from());
            assertEquals(Math.min(length, c.keepTo() + halo), c.to());
            next = c.keepTo();
          }
          assertEquals(length, next);
        }
      }
    }
  }

  @Test
  void theHaloCoversTheRadiusAtTheOutputRate() {
    assertEquals(2, ChunkPlan.halo(4, 2));
    assertEquals(3, ChunkPlan.halo(5, 2), "rounded up");
    assertEquals(6, ChunkPlan.halo(6, 1));
    assertEquals(0, ChunkPlan.halo(0, 2));
    assertEquals(8, ChunkPlan.defaultChunk(2, 2));
    assertEquals(12, ChunkPlan.defaultChunk(12, 2));
  }

  @Test
  void refusesEmptyVideosAndChunks() {
    assertThrows(IllegalArgumentException.class, () -> ChunkPlan.of(0, 1, 0));
    assertThrows(IllegalArgumentException.class, () -> ChunkPlan.of(5, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> ChunkPlan.of(5, 1, -1));
  }
}
