package io.vidgan.replicas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.vidgan.data.Frames;
import io.vidgan.data.io.ImageCodec;
import io.vidgan.data.io.VideoWriter;
import io.vidgan.data.io.VideoWriters;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.proto.Summary;

class RunSummariesTest {
  @Test
  void animatedGifIsAnImageSummaryOfItsSize(@TempDir Path dir) throws Exception {
    // 3 frames of 10x14: frame f is grey level 60f, with a white pixel at (f, f)
    byte[] rgb = new byte[3 * 10 * 14 * 3];
    for (int f = 0; f < 3; f++) {
      Arrays.fill(rgb, f * 420, (f + 1) * 420, (byte) (60 * f));
      int p = (f * 10 * 14 + f * 14 + f) * 3;
      rgb[p] = rgb[p + 1] = rgb[p + 2] = (byte) 255;
    }
    Frames video = new Frames(3, 10, 14, rgb);
    Path gif = dir.resolve("grid.gif");
    try (VideoWriter w = VideoWriters.open(gif, 14, 10, 8)) {
      for (int f = 0; f < 3; f++) {
        w.write(video.frame(f).rgb());
      }
    }
    Path run = dir.resolve("run");
    Files.createDirectories(run);
    try (RunSummaries summaries = new RunSummaries(run)) {
      summaries.scalars(7, Map.of("loss/D", 1.5f));
      summaries.gif(7, "samples/grid", Files.readAllBytes(gif), 10, 14);
    }
    List<EventFiles.Tagged> images = EventFiles.read(run, "samples/grid");
    assertEquals(1, images.size());
    assertEquals(7, images.get(0).step());
    Summary.Image image = images.get(0).value().getImage();
    assertEquals(10, image.getHeight());
    assertEquals(14, image.getWidth());
    assertEquals(3, image.getColorspace());
    assertEquals(new EventFiles.Gif(3, 10, 14), EventFiles.gif(images.get(0).value()),
        "animated, of the grid's size");
    byte[] encoded = image.getEncodedImageString().toByteArray();
    assertArrayEquals(video.frame(0).rgb(), ImageCodec.decode(encoded, "summary").rgb());
    assertEquals(1.5f, EventFiles.read(run, "loss/D").get(0).value().getSimpleValue(),
        "scalars and images share the event file");
  }
}
