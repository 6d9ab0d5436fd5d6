package io.vidgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.data.DatasetException;
import io.vidgan.data.Frames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Clip sampling: one clip per video, offsets and strides, seeds, short videos. */
class DatasetClipsTest {
  /** (video, first frame) of every clip, checking each clip's frames are {@code stride} apart. */
  private static List<int[]> starts(DatasetClips clips, int frames, int stride, int[] lengths)
      throws IOException {
    List<int[]> out = new ArrayList<>();
    for (Optional<Frames> c = clips.next(); c.isPresent(); c = clips.next()) {
      Frames clip = c.get();
      assertEquals(frames, clip.count());
      int video = CountingVideos.videoOf(clip, 0);
      int first = CountingVideos.frameOf(clip, 0);
      for (int i = 1; i < frames; i++) {
        assertEquals(video, CountingVideos.videoOf(clip, i));
        assertEquals(first + i * stride, CountingVideos.frameOf(clip, i), "frame " + i);
      }
      assertTrue(first + (frames - 1) * stride < lengths[video], "clip inside its video");
      out.add(new int[] {video, first});
    }
    return out;
  }

  @Test
  void realClipsAreOnePerVideoAtSeededRandomOffsets() throws IOException {
    int[] lengths = {40, 60, 16, 100, 33, 50};
    List<int[]> a = starts(DatasetClips.randomOffsets(new CountingVideos(false, lengths),
        FvdProtocol.FVD2048_16F.sampling(), 5, 11), 16, 1, lengths);
    assertEquals(5, a.size());
    Set<Integer> videos = new HashSet<>();
    Set<Integer> offsets = new HashSet<>();
    for (int[] s : a) {
      assertTrue(videos.add(s[0]), "one clip per video");
      assertTrue(s[1] >= 0 && s[1] + 16 <= lengths[s[0]], "offset inside the video");
      offsets.add(s[1]);
    }
    assertTrue(offsets.size() > 1, "offsets should vary: " + offsets);
    List<int[]> again = starts(DatasetClips.randomOffsets(new CountingVideos(false, lengths),
        FvdProtocol.FVD2048_16F.sampling(), 5, 11), 16, 1, lengths);
    List<int[]> other = starts(DatasetClips.randomOffsets(new CountingVideos(false, lengths),
        FvdProtocol.FVD2048_16F.sampling(), 5, 12), 16, 1, lengths);
    assertEquals(flatten(a), flatten(again), "same seed, same clips");
    assertNotEquals(flatten(a), flatten(other), "other seed, other clips");
  }

  @Test
  void generatedClipsStartAtTheFirstFrameInDatasetOrder() throws IOException {
    int[] lengths = {20, 30, 16, 17};
    DatasetClips clips = DatasetClips.fromStart(new CountingVideos(false, lengths),
        FvdProtocol.FVD2048_16F.sampling(), 3);
    assertEquals(3, clips.planned());
    assertEquals(List.of(0, 0, 1, 0, 2, 0), flatten(starts(clips, 16, 1, lengths)));
  }

  @Test
  void subsampledProtocolTakesEveryEighthFrame() throws IOException {
    int[] lengths = {121, 200};
    List<int[]> s = starts(DatasetClips.fromStart(new CountingVideos(false, lengths),
        FvdProtocol.FVD2048_128F_SUBSAMPLE8F.sampling(), 2), 16, 8, lengths);
    assertEquals(List.of(0, 0, 1, 0), flatten(s));
    assertEquals(121, FvdProtocol.FVD2048_128F_SUBSAMPLE8F.span());
  }

  @Test
  void shortVideosFailOrAreSkippedAndCounted() throws IOException {
    int[] lengths = {16, 15, 20};
    DatasetClips strict = DatasetClips.fromStart(new CountingVideos(false, lengths),
        FvdProtocol.FVD2048_16F.sampling(), 3);
    strict.next();
    DatasetException e = assertThrows(DatasetException.class, strict::next);
    assertTrue(e.getMessage().startsWith("video1: video has 15 frames"), e.getMessage());
    CountingVideos skipping = new CountingVideos(true, lengths);
    List<int[]> kept = starts(DatasetClips.fromStart(skipping, FvdProtocol.FVD2048_16F.sampling(), 3), 16,
        1, lengths);
    assertEquals(List.of(0, 0, 2, 0), flatten(kept));
    assertEquals(1, skipping.badInputs().count());
  }

  private static List<Integer> flatten(List<int[]> pairs) {
    List<Integer> out = new ArrayList<>();
    for (int[] p : pairs) {
      out.add(p[0]);
      out.add(p[1]);
    }
    return out;
  }
}
