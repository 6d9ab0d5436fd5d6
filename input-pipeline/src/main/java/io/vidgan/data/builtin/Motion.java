package io.vidgan.data.builtin;

/**
 * Positions and angles of a scene's sprites over frames {@code 0..last}, by stepping the motion
 * once per frame from frame 0 (so any frame of any clip is reproducible on its own): velocity
 * gains gravity, position gains velocity, and a sprite that crosses an edge is reflected back with
 * that velocity component reversed (an elastic bounce).
 */
final class Motion {
  final double[][] x;
  final double[][] y;
  final double[][] angle;

  private Motion(int sprites, int frames) {
    x = new double[sprites][frames];
    y = new double[sprites][frames];
    angle = new double[sprites][frames];
  }

  static Motion simulate(Scene scene, int last) {
    Sprite[] sprites = scene.sprites;
    Motion m = new Motion(sprites.length, last + 1);
    for (int s = 0; s < sprites.length; s++) {
      Sprite sp = sprites[s];
      double px = sp.x0;
      double py = sp.y0;
      double vx = sp.vx0;
      double vy = sp.vy0;
      for (int t = 0; t <= last; t++) {
        m.x[s][t] = px;
        m.y[s][t] = py;
        m.angle[s][t] = sp.angle0 + sp.spin * t;
        vy += scene.gravity;
        px += vx;
        py += vy;
        double[] bx = bounce(px, vx, sp.radius, scene.aspect - sp.radius);
        double[] by = bounce(py, vy, sp.radius, 1 - sp.radius);
        px = bx[0];
        vx = bx[1];
        py = by[0];
        vy = by[1];
      }
    }
    return m;
  }

  /** Reflects {@code position} into {@code [low, high]}, reversing {@code velocity} if it left. */
  private static double[] bounce(double position, double velocity, double low, double high) {
    if (position < low) {
      return new double[] {2 * low - position, Math.abs(velocity)};
    }
    if (position > high) {
      return new double[] {2 * high - position, -Math.abs(velocity)};
    }
    return new double[] {position, velocity};
  }
}
