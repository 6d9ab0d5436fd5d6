package io.vidgan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.replicas.Train;
import io.vidgan.savedmodel.ExportSavedModel;
import io.vidgan.savedmodel.ExportedModel;
import io.vidgan.savedmodel.Generate;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's 3-level sequence, with the tiny presets and two iterations a stage: level 1, level
 * 2 on samples of level 1 ({@code --below}), level 3 on samples of levels 1-2, exported as one
 * chain and unrolled to 100-frame videos (HVG §3, three levels as for BDD100K).
 */
class ThreeLevelChainTest {
  private static final String DATA = "--data=builtin:videos=8,frames=16,height=32,width=32";

  @TempDir Path dir;

  private int train(String... args) {
    String[] common = {DATA, "--steps=2", "--batch=4", "--sample-every=2"};
    String[] all = new String[common.length + args.length];
    System.arraycopy(common, 0, all, 0, common.length);
    System.arraycopy(args, 0, all, common.length, args.length);
    return new Train().execute(all);
  }

  @Test
  void threeLevelsTrainExportAndGenerateLongVideos() throws Exception {
    Path lres = dir.resolve("lres");
    Path sres = dir.resolve("sres");
    Path sres2 = dir.resolve("sres2");
    assertEquals(0, train("--stage=lres", "--config=tiny/lres", "--out=" + lres));
    assertEquals(0, train("--stage=sres", "--config=tiny/sres", "--below=" + lres,
        "--out=" + sres));
    assertEquals(0, train("--stage=sres", "--config=tiny/sres2", "--below=" + lres + "," + sres,
        "--out=" + sres2));
    Path model = dir.resolve("model");
    assertEquals(0, new ExportSavedModel().execute(new String[] {"--run=" + lres,
        "--sres-run=" + sres + "," + sres2, "--stat-passes=2", "--out=" + model}));
    try (ExportedModel m = ExportedModel.load(model)) {
      assertEquals(List.of("lres", "sres", "sres2"), m.manifest().chain().stages().stream()
          .map(s -> s.getName()).toList());
    }
    Path videos = dir.resolve("videos");
    assertEquals(0, new Generate().execute(new String[] {"--model=" + model, "--frames=100",
        "--count=2", "--out=" + videos}));
    for (String name : List.of("video_00000.gif", "video_00001.gif")) {
      Path gif = videos.resolve(name);
      assertTrue(Files.exists(gif), name);
      try (ImageInputStream in = ImageIO.createImageInputStream(gif.toFile())) {
        ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
        reader.setInput(in);
        assertEquals(100, reader.getNumImages(true), name + " frames");
        assertEquals(32, reader.getWidth(0), "the third level's resolution");
      }
    }
  }
}
