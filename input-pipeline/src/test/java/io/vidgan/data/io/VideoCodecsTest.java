package io.vidgan.data.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.data.Datasets;
import io.vidgan.data.Frames;
import io.vidgan.data.TestVideos;
import io.vidgan.data.VideoDataset;
import io.vidgan.data.VideoInfo;
import io.vidgan.data.io.VideoEncoder.Format;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Real-world containers and codecs, old ones included, read through the same path as {@code
 * --data=FILE}: every frame comes back at its size, close to what was encoded. The bounds are the
 * codecs' quantisation at the quality set in {@link TestVideos} (mean absolute error in 8-bit
 * levels on a smooth test pattern), not properties of a CPU: FFmpeg's decoders are bit-exact.
 */
class VideoCodecsTest {
  @TempDir
  Path dir;

  static Stream<Arguments> codecs() {
    return Stream.of(
        Arguments.of("ffv1.mkv", TestVideos.FFV1, 0.0),
        Arguments.of("h264.mp4", VideoEncoder.Format.MP4, 6.0),
        Arguments.of("xvid.avi", TestVideos.XVID_AVI, 6.0),
        Arguments.of("divx3.avi", TestVideos.DIVX3_AVI, 6.0),
        Arguments.of("cinepak.avi", TestVideos.CINEPAK_AVI, 16.0),
        Arguments.of("mjpeg.avi", TestVideos.MJPEG_AVI, 6.0),
        Arguments.of("vp8.webm", TestVideos.VP8_WEBM, 6.0));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("codecs")
  void decodesEveryFrameAtItsSize(String name, Format format, double maxError) throws Exception {
    for (int[] size : new int[][] {{48, 64}, {36, 100}}) {
      Frames source = TestVideos.pattern(9, size[0], size[1]);
      Path file = TestVideos.encode(dir.resolve(size[1] + "x" + size[0] + name), source, format,
          25);
      try (VideoDataset data = Datasets.open(file.toString(), false)) {
        VideoInfo info = data.info(0);
        assertEquals(new VideoInfo(file.toString(), 9, size[0], size[1], -1), info);
        double error = TestVideos.meanAbsDiff(source, data.read(0, 0, 9, 1));
        assertTrue(error <= maxError, name + " " + size[1] + "x" + size[0] + ": error " + error);
      }
    }
  }
}
