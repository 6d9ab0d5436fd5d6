package io.vidgan.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class TrainingDataTest {
  private static final String TINY = "builtin:videos=24,height=16,width=16,frames=12";
  private static final ClipSpec CLIPS = ClipSpec.of(4, 2, 8, 8).withBase(16, 16,
      Downsampling.AREA);

  @TempDir
  Path dir;

  @Test
  void resumingReproducesTheBatchesOfAFreshStream() throws Exception {
    try (VideoDataset data = Datasets.open(TINY, false)) {
      ReplicaStream stream = new ReplicaStream(3, 1, 2, 5, 0);
      List<Batch> fresh = take(TrainingData.clips(data, CLIPS, stream), 6);
      try (BatchStream resumed = TrainingData.clips(data, CLIPS, stream.of(1, 3))) {
        assertEquals(3, resumed.position());
        for (int i = 3; i < 6; i++) {
          assertSame(fresh.get(i), resumed.next());
        }
        assertEquals(6, resumed.position());
      }
    }
  }

  @Test
  void prefetchThreadsDoNotChangeTheBatches() throws Exception {
    try (VideoDataset data = Datasets.open(TINY, false)) {
      List<Batch> one = take(TrainingData.clips(data, CLIPS, new ReplicaStream(2, 0, 1, 8, 0),
          new Prefetch(1, 1)), 5);
      List<Batch> three = take(TrainingData.clips(data, CLIPS, new ReplicaStream(2, 0, 1, 8, 0),
          new Prefetch(3, 6)), 5);
      for (int i = 0; i < 5; i++) {
        assertSame(one.get(i), three.get(i));
      }
    }
  }

  @Test
  void replicasNeverGetTheSameVideoInAnEpoch() throws Exception {
    int replicas = 3;
    try (VideoDataset data = Datasets.open(TINY, false)) {
      List<List<Batch>> streams = new ArrayList<>();
      for (int r = 0; r < replicas; r++) {
        streams.add(take(TrainingData.clips(data, CLIPS,
            new ReplicaStream(4, r, replicas, 2, 0)), 4));
      }
      for (int epoch = 0; epoch < 2; epoch++) {
        Set<Integer> seen = new HashSet<>();
        for (List<Batch> stream : streams) {
          for (int b = 2 * epoch; b < 2 * epoch + 2; b++) {
            for (int source : stream.get(b).sources()) {
              assertTrue(seen.add(source), "video " + source + " twice in epoch " + epoch);
            }
          }
        }
        assertEquals(24, seen.size(), "8 videos per replica per epoch");
      }
      int[] epoch0 = streams.get(0).get(0).sources();
      int[] epoch1 = streams.get(0).get(2).sources();
      assertFalse(Arrays.equals(epoch0, epoch1), "epochs are reshuffled");
    }
  }

  @Test
  void windowPairLowResIsExactlyTheDownsampledWindow() throws Exception {
    for (Downsampling op : Downsampling.values()) {
      WindowPairSpec spec = WindowPairSpec.of(4, 1, 16, 16, 2, 2, op);
      try (VideoDataset data = Datasets.open(TINY, false);
          BatchStream stream = TrainingData.windowPairs(data, spec,
              ReplicaStream.whole(3, 4))) {
        Batch batch = stream.next();
        assertArrayEquals(new long[] {3, 4, 16, 16, 3}, batch.videoShape());
        assertArrayEquals(new long[] {3, 2, 8, 8, 3}, batch.lowResShape());
        assertArrayEquals(reference(batch.video(), 3, 4, 16, 16, 2, 2, op), batch.lowRes(),
            op.toString());
      }
    }
  }

  @Test
  void lowResClipsAreTheLowResViewsOfTheStageAbove() throws Exception {
    WindowPairSpec[] pairs = {
        WindowPairSpec.of(8, 1, 16, 16, 4, 2, Downsampling.AREA),
        WindowPairSpec.of(8, 1, 16, 16, 4, 2, Downsampling.NEAREST).withBase(32, 32)};
    try (VideoDataset data = Datasets.open(TINY, false)) {
      for (WindowPairSpec pair : pairs) {
        ClipSpec below = pair.stageBelow(4);
        assertEquals(2, below.frameStride());
        ExampleRecipe high = ExampleRecipe.of(pair);
        ExampleRecipe low = ExampleRecipe.of(below);
        float[] window = new float[high.size()];
        float[] view = new float[high.lowSize()];
        high.make(data.read(3, 1, 8, 1), 0.3, 0.6, window, 0, view, 0);
        float[] clip = new float[low.size()];
        low.make(data.read(3, 1, 4, 2), 0.3, 0.6, clip, 0, null, 0);
        assertArrayEquals(view, clip, pair.toString());
      }
    }
  }

  @Test
  void batchesHoldLabelledValuesInRange() throws Exception {
    try (VideoDataset data = Datasets.open(TINY, false);
        BatchStream stream = TrainingData.clips(data, CLIPS, new ReplicaStream(4, 0, 1, 1, 0))) {
      Batch b = stream.next();
      assertArrayEquals(new long[] {4, 4, 8, 8, 3}, b.videoShape());
      for (float v : b.video()) {
        assertTrue(v >= -1 && v <= 1, "value " + v);
      }
      for (int i = 0; i < 4; i++) {
        assertEquals(data.info(b.sources()[i]).label(), b.labels()[i]);
      }
      assertFalse(b.hasLowRes());
      assertThrows(IllegalStateException.class, b::lowRes);
      try (TFloat32 video = b.videoTensor(); TInt32 labels = b.labelTensor()) {
        assertEquals(org.tensorflow.ndarray.Shape.of(4, 4, 8, 8, 3), video.shape());
        assertEquals(b.video()[(7 * 8 + 5) * 3], video.getFloat(0, 0, 7, 5, 0));
        assertEquals(b.labels()[3], labels.getInt(3));
      }
    }
  }

  @Test
  void videosShorterThanTheClipFailOrAreSkipped() throws Exception {
    TestVideos.pngFolder(dir.resolve("a"), TestVideos.random(8, 8, 8, 1));
    TestVideos.pngFolder(dir.resolve("b_short"), TestVideos.random(3, 8, 8, 2));
    TestVideos.pngFolder(dir.resolve("c"), TestVideos.random(8, 8, 8, 3));
    ClipSpec clip = ClipSpec.of(4, 2, 8, 8);
    try (VideoDataset data = Datasets.open(dir.toString(), false);
        BatchStream stream = TrainingData.clips(data, clip, new ReplicaStream(3, 0, 1, 1, 0))) {
      DatasetException e = assertThrows(DatasetException.class, stream::next);
      assertTrue(e.getMessage().contains("b_short: video has 3 frames, shorter than the 7"),
          e.getMessage());
      assertThrows(IOException.class, stream::next, "a failed stream stays failed");
    }
    try (VideoDataset data = Datasets.open(dir.toString(), true);
        BatchStream stream = TrainingData.clips(data, clip, new ReplicaStream(3, 0, 1, 1, 0))) {
      for (int i = 0; i < 4; i++) {
        for (int source : stream.next().sources()) {
          assertTrue(source != 1, "the short video was used");
        }
      }
      assertEquals(1, data.badInputs().count(), "counted once, however often it comes up");
    }
  }

  private static List<Batch> take(BatchStream stream, int n) throws Exception {
    try (stream) {
      List<Batch> batches = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        batches.add(stream.next());
      }
      return batches;
    }
  }

  private static void assertSame(Batch expected, Batch actual) {
    assertEquals(expected.index(), actual.index());
    assertArrayEquals(expected.sources(), actual.sources());
    assertArrayEquals(expected.labels(), actual.labels());
    assertArrayEquals(expected.video(), actual.video());
  }

  /** Independent reference for the low-res view: keep frame t*ft; nearest or block mean. */
  private static float[] reference(float[] hi, int b, int t, int h, int w, int fs, int ft,
      Downsampling op) {
    int lt = t / ft;
    int lh = h / fs;
    int lw = w / fs;
    float[] low = new float[b * lt * lh * lw * 3];
    int o = 0;
    for (int n = 0; n < b; n++) {
      for (int f = 0; f < lt; f++) {
        for (int y = 0; y < lh; y++) {
          for (int x = 0; x < lw; x++) {
            for (int c = 0; c < 3; c++) {
              double sum = 0;
              int count = op == Downsampling.NEAREST ? 1 : fs;
              for (int dy = 0; dy < count; dy++) {
                for (int dx = 0; dx < count; dx++) {
                  sum += hi[((((n * t) + f * ft) * h + y * fs + dy) * w + x * fs + dx) * 3 + c];
                }
              }
              low[o++] = (float) (sum / (count * count));
            }
          }
        }
      }
    }
    return low;
  }
}
