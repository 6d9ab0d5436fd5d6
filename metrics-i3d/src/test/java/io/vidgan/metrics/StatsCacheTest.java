package io.vidgan.metrics;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Cached statistics come back exactly, under their key only; bad entries are named. */
class StatsCacheTest {
  @TempDir Path dir;

  private static ClipFeatures features(long seed) {
    ClipFeatures f = new ClipFeatures(4);
    float[] logits = FrechetDistanceTest.features(6, 4, seed, 0);
    float[] pooled = FrechetDistanceTest.features(6, I3d.FEATURES, seed + 1, 0);
    f.add(new Embeddings(6, 4, logits, pooled));
    return f;
  }

  @Test
  void storedStatisticsLoadExactlyUnderTheirKeyOnly() throws IOException {
    StatsCache cache = new StatsCache(dir.resolve("cache"));
    String key = StatsCache.key(Map.of("real", "builtin", "seed", 3));
    ClipFeatures stored = features(1);
    Path file = cache.store(key, stored);
    assertTrue(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1)
        .contains("real=builtin"), "the key is readable in the file");
    ClipFeatures back = cache.load(key).orElseThrow();
    assertEquals(6, back.count());
    for (CovarianceEstimator e : CovarianceEstimator.values()) {
      assertArrayEquals(stored.logits().covariance(e), back.logits().covariance(e), 0);
      assertArrayEquals(stored.pooled().covariance(e), back.pooled().covariance(e), 0);
    }
    assertArrayEquals(stored.pooled().mean(), back.pooled().mean(), 0);
    assertTrue(cache.load(StatsCache.key(Map.of("real", "builtin", "seed", 4))).isEmpty());
    try (Stream<Path> files = Files.list(dir.resolve("cache"))) {
      assertEquals(1, files.count(), "no temporary files left behind");
    }
  }

  @Test
  void unreadableEntryIsNamed() throws IOException {
    StatsCache cache = new StatsCache(dir);
    String key = StatsCache.key(Map.of("real", "x"));
    Path file = cache.store(key, features(2));
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, java.util.Arrays.copyOf(bytes, bytes.length / 2));
    IOException e = assertThrows(IOException.class, () -> cache.load(key));
    assertTrue(e.getMessage().startsWith("cannot read cached statistics " + file), e.getMessage());
  }
}
