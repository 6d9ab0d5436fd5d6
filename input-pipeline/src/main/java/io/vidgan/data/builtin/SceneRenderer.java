package io.vidgan.data.builtin;

/**
 * Draws one frame of a {@link Scene}: the panning background, soft shadows of the sprites cast
 * away from the light, the sprites back to front (later ones occlude earlier ones) with their
 * textures turning with them, the foreground pillar, then the lighting. Edges are anti-aliased
 * with a one-pixel ramp on the signed distance, so every resolution is a clean sampling of the
 * same continuous scene.
 */
final class SceneRenderer {
  private static final double SHADOW_OFFSET = 0.035;
  private static final double SHADOW_DARKNESS = 0.45;
  private static final double SHADOW_SOFTNESS = 0.02;
  private static final double LIGHT_GRADIENT = 0.35;

  private SceneRenderer() {}

  /**
   * Renders frame {@code t} into {@code out[offset ..]} as {@code height x width} RGB bytes.
   *
   * @param motion positions from {@link Motion#simulate} covering frame {@code t}
   */
  static void render(Scene scene, Motion motion, int t, int height, int width, byte[] out,
      int offset) {
    double pixel = 1.0 / height;
    Lighting.State light = scene.lighting.at(t);
    int n = scene.sprites.length;
    double[] cx = new double[n];
    double[] cy = new double[n];
    double[] cos = new double[n];
    double[] sin = new double[n];
    for (int s = 0; s < n; s++) {
      cx[s] = motion.x[s][t];
      cy[s] = motion.y[s][t];
      cos[s] = StrictMath.cos(motion.angle[s][t]);
      sin[s] = StrictMath.sin(motion.angle[s][t]);
    }
    double panX = scene.panX0 + scene.panVx * t;
    double panY = scene.panY0 + scene.panVy * t;
    double pillarX = scene.pillarX(t);
    double[] color = new double[3];
    double[] layer = new double[3];
    for (int y = 0; y < height; y++) {
      double v = (y + 0.5) * pixel;
      for (int x = 0; x < width; x++) {
        double u = (x + 0.5) * pixel;
        scene.background.color(u + panX, v + panY, pixel, color);
        double shade = 1;
        for (int s = 0; s < n; s++) {
          double d = distance(scene, s, u + light.dirX() * SHADOW_OFFSET - cx[s],
              v + light.dirY() * SHADOW_OFFSET - cy[s], cos[s], sin[s], pixel);
          shade *= 1 - SHADOW_DARKNESS * coverage(d, SHADOW_SOFTNESS + pixel);
        }
        scale(color, shade);
        for (int s = 0; s < n; s++) {
          double dx = u - cx[s];
          double dy = v - cy[s];
          double d = distance(scene, s, dx, dy, cos[s], sin[s], pixel);
          double a = coverage(d, pixel);
          if (a > 0) {
            double lx = dx * cos[s] + dy * sin[s];
            double ly = -dx * sin[s] + dy * cos[s];
            scene.sprites[s].texture.color(lx, ly, pixel, layer);
            double r = scene.sprites[s].radius;
            scale(layer, 1 - 0.25 * Math.min(1, (dx * dx + dy * dy) / (r * r)));
            blend(color, layer, a);
          }
        }
        if (scene.pillar != null) {
          double a = coverage(Math.abs(u - pillarX) - scene.pillarHalfWidth, pixel);
          if (a > 0) {
            scene.pillar.color(u - pillarX, v, pixel, layer);
            blend(color, layer, a);
          }
        }
        double lit = light.brightness() * (1 + LIGHT_GRADIENT
            * ((u - scene.aspect / 2) * light.dirX() + (v - 0.5) * light.dirY()));
        int o = offset + (y * width + x) * 3;
        out[o] = toByte(color[0] * lit * (1 + light.tint()));
        out[o + 1] = toByte(color[1] * lit);
        out[o + 2] = toByte(color[2] * lit * (1 - light.tint()));
      }
    }
  }

  /** Distance to sprite {@code s} from offset {@code (dx, dy)}; far away if clearly outside. */
  private static double distance(Scene scene, int s, double dx, double dy, double cos,
      double sin, double pixel) {
    double r = scene.sprites[s].radius;
    double reach = r + SHADOW_SOFTNESS + 2 * pixel;
    if (dx * dx + dy * dy > reach * reach) {
      return reach;
    }
    return scene.family.distance(dx * cos + dy * sin, -dx * sin + dy * cos, r);
  }

  /** Fraction of a pixel covered by a shape at signed distance {@code d}, ramp width {@code w}. */
  private static double coverage(double d, double w) {
    return Math.max(0, Math.min(1, 0.5 - d / w));
  }

  private static void scale(double[] rgb, double f) {
    rgb[0] *= f;
    rgb[1] *= f;
    rgb[2] *= f;
  }

  private static void blend(double[] base, double[] top, double alpha) {
    for (int c = 0; c < 3; c++) {
      base[c] += (top[c] - base[c]) * alpha;
    }
  }

  private static byte toByte(double value) {
    return (byte) Math.max(0, Math.min(255, Math.round(value * 255)));
  }
}
