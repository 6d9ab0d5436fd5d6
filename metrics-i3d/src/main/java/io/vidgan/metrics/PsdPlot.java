package io.vidgan.metrics;

import io.vidgan.data.io.BitmapFont;
import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.geom.Path2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import javax.imageio.ImageIO;

/**
 * A PNG of PSD curves, one panel per measured frame, as HVG Fig. 10 / SSW-GAN Fig. 9: {@code
 * log10} PSD against spatial frequency (radius), real videos in blue and generated ones in red,
 * each with a lighter band of one standard deviation across sets. Each panel carries its frame
 * number (1-based, {@link BitmapFont}: no system fonts needed); all share one vertical scale.
 */
final class PsdPlot {
  private static final int PANEL = 240;
  private static final int MARGIN = 16;
  private static final Color REAL = new Color(31, 119, 180);
  private static final Color FAKE = new Color(214, 39, 40);

  private PsdPlot() {}

  /** @param frames the measured frames, 1-based, one panel each */
  static byte[] png(int[] frames, PsdComparison.Curves real, PsdComparison.Curves fake)
      throws IOException {
    int panels = real.mean().length;
    BufferedImage image = new BufferedImage(panels * (PANEL + MARGIN) + MARGIN,
        PANEL + 2 * MARGIN, BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
    g.setColor(Color.WHITE);
    g.fillRect(0, 0, image.getWidth(), image.getHeight());
    double[] range = range(real, fake);
    for (int p = 0; p < panels; p++) {
      int left = MARGIN + p * (PANEL + MARGIN);
      g.setColor(Color.GRAY);
      g.drawRect(left, MARGIN, PANEL, PANEL);
      draw(g, real, p, left, range, REAL);
      draw(g, fake, p, left, range, FAKE);
      label(g, Integer.toString(frames[p]), left + 6, MARGIN + 6);
    }
    g.dispose();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageIO.write(image, "png", out);
    return out.toByteArray();
  }

  private static void draw(Graphics2D g, PsdComparison.Curves c, int panel, int left,
      double[] range, Color color) {
    double[] mean = c.mean()[panel];
    double[] std = c.std()[panel];
    g.setColor(new Color(color.getRed(), color.getGreen(), color.getBlue(), 60));
    g.fill(band(mean, std, left, range));
    g.setColor(color);
    g.setStroke(new BasicStroke(1.5f));
    g.draw(line(mean, new double[mean.length], 0, left, range));
  }

  private static Path2D band(double[] mean, double[] std, int left, double[] range) {
    Path2D upper = line(mean, std, 1, left, range);
    for (int r = mean.length - 1; r >= 1; r--) {
      upper.lineTo(x(r, mean.length, left), y(mean[r] - std[r], range));
    }
    upper.closePath();
    return upper;
  }

  /** The curve {@code mean + sign * std} from radius 1 (radius 0 is the removed mean). */
  private static Path2D line(double[] mean, double[] std, int sign, int left, double[] range) {
    Path2D path = new Path2D.Double();
    for (int r = 1; r < mean.length; r++) {
      double x = x(r, mean.length, left);
      double y = y(mean[r] + sign * std[r], range);
      if (r == 1) {
        path.moveTo(x, y);
      } else {
        path.lineTo(x, y);
      }
    }
    return path;
  }

  /** Draws {@code digits} with the built-in font, 3 px per font pixel. */
  private static void label(Graphics2D g, String digits, int left, int top) {
    boolean[][] glyphs = BitmapFont.render(digits);
    g.setColor(Color.BLACK);
    for (int y = 0; y < glyphs.length; y++) {
      for (int x = 0; x < glyphs[y].length; x++) {
        if (glyphs[y][x]) {
          g.fillRect(left + 3 * x, top + 3 * y, 3, 3);
        }
      }
    }
  }

  private static double x(int r, int bins, int left) {
    return left + PANEL * (r - 1) / (double) Math.max(1, bins - 2);
  }

  private static double y(double value, double[] range) {
    return MARGIN + PANEL * (range[1] - value) / Math.max(1e-9, range[1] - range[0]);
  }

  /** Lowest and highest {@code mean -+ std} over both sets of curves, radius 0 excluded. */
  private static double[] range(PsdComparison.Curves a, PsdComparison.Curves b) {
    double lo = Double.POSITIVE_INFINITY;
    double hi = Double.NEGATIVE_INFINITY;
    for (PsdComparison.Curves c : new PsdComparison.Curves[] {a, b}) {
      for (int f = 0; f < c.mean().length; f++) {
        for (int r = 1; r < c.mean()[f].length; r++) {
          if (Double.isFinite(c.mean()[f][r])) {
            lo = Math.min(lo, c.mean()[f][r] - c.std()[f][r]);
            hi = Math.max(hi, c.mean()[f][r] + c.std()[f][r]);
          }
        }
      }
    }
    return new double[] {lo, hi};
  }
}
