package io.vidgan.data.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class FrameTimelineTest {
  /** 12 frames at 10 fps in a 1/1000 s time base, stored out of order (B-frames). */
  private static final FrameTimeline TEN_FPS = new FrameTimeline(
      new long[] {0, 200, 100, 300, 500, 400, 600, 700, 800, 900, 1000, 1100}, 1200, 1, 1000);

  @Test
  void nativeFramesAreInDisplayOrder() {
    assertEquals(12, TEN_FPS.frames());
    assertEquals(12, TEN_FPS.frames(0));
    assertEquals(200, TEN_FPS.pts(2));
    assertEquals(5, TEN_FPS.indexOf(500));
    assertEquals(-1, TEN_FPS.indexOf(550));
    assertEquals(10.0, TEN_FPS.nativeRate(), 1e-12);
    assertArrayEquals(new int[] {2, 5, 8}, TEN_FPS.sources(2, 3, 3, 0));
  }

  @Test
  void halvingTheRateKeepsEveryOtherFrame() {
    assertEquals(6, TEN_FPS.frames(5));
    assertArrayEquals(new int[] {0, 2, 4, 6, 8, 10}, TEN_FPS.sources(0, 6, 1, 5));
  }

  @Test
  void raisingTheRateRepeatsFrames() {
    assertEquals(30, TEN_FPS.frames(25));
    // frame i lands on tick round(2.5 i): 0, 3 (2.5 rounds up), 5, 8 (7.5), 10, ...
    assertArrayEquals(new int[] {0, 0, 0, 1, 1, 2, 2, 2, 3, 3}, TEN_FPS.sources(0, 10, 1, 25));
  }

  @Test
  void timestampsAreRelativeToTheFirstFrameAndMayBeIrregular() {
    FrameTimeline vfr = new FrameTimeline(new long[] {5000, 5001, 5002, 5010}, 5011, 1, 10);
    assertEquals(11, vfr.frames(10));
    assertArrayEquals(new int[] {0, 1, 2, 2, 2, 2, 2, 2, 2, 2, 3},
        vfr.sources(0, 11, 1, 10));
  }

  @Test
  void ticksAreExactWhereFloatingPointIsNot() {
    // frame 1 is at 9000/90000 s, tick 0.5 exactly: it rounds up to 1 (rounding down would show
    // it as output frame 0), and frame 2 (tick 1) then replaces it
    FrameTimeline mpeg = new FrameTimeline(new long[] {0, 9000, 18000}, 27000, 1, 90000);
    assertArrayEquals(new int[] {0, 2}, mpeg.sources(0, 2, 1, 5));
  }

  @Test
  void clipsBeyondTheEndAreRefused() {
    assertThrows(IllegalArgumentException.class, () -> TEN_FPS.sources(5, 2, 1, 5));
  }
}
