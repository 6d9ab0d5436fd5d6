package io.vidgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/eval-psd}: the same videos on both sides give the same curves; a plot is written. */
class EvalPsdTest {
  @TempDir Path dir;

  @Test
  void sameVideosOnBothSidesGiveTheSameSpectraAndAPlot() throws Exception {
    // 4-frame videos and 4 measured frames leave one offset, and one set holds every video: both
    // sides average the same clips (in another order)
    String data = "builtin:videos=6,frames=4,height=32,width=32";
    Path json = dir.resolve("psd.json");
    Path png = dir.resolve("psd.png");
    int code = new EvalPsd().execute(new String[] {"--data=" + data, "--fake=" + data,
        "--frames=1,4", "--videos=6", "--sets=1", "--out=" + json, "--plot=" + png});
    assertEquals(0, code);
    String text = Files.readString(json);
    int fake = text.indexOf("\"generated\"");
    double[] real = numbers(text.substring(text.indexOf("\"real\""), fake));
    double[] generated = numbers(text.substring(fake));
    assertEquals(2 * 17 * 2 + 1, real.length, "2 frames x 17 radii, mean and std, videos");
    for (int i = 0; i < real.length; i++) {
      assertEquals(real[i], generated[i], 1e-9 * Math.abs(real[i]) + 1e-12, "value " + i);
    }
    BufferedImage plot = ImageIO.read(png.toFile());
    assertEquals(2 * (240 + 16) + 16, plot.getWidth());
  }

  private static double[] numbers(String json) {
    return java.util.regex.Pattern.compile("-?[0-9][0-9.Ee+-]*").matcher(json.replace("log10_", ""))
        .results()
        .mapToDouble(m -> Double.parseDouble(m.group())).toArray();
  }

  @Test
  void videosMustSplitIntoTheSetsAndHaveOneSize() {
    assertEquals(2, new EvalPsd().execute(new String[] {"--fake=builtin", "--videos=10",
        "--sets=3"}));
    assertEquals(2, new EvalPsd().execute(new String[] {
        "--data=builtin:videos=2,frames=4,height=32,width=32",
        "--fake=builtin:videos=2,frames=4,height=16,width=16", "--frames=1", "--videos=2"}));
  }
}
