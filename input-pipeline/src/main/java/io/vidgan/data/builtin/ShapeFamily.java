package io.vidgan.data.builtin;

/**
 * The class of a built-in video: every moving shape in the scene belongs to one family. Signed
 * distances ({@code < 0} inside) are in the shape's own frame, for a shape of radius {@code r}.
 * Only IEEE-exact arithmetic is used, so renders
 * match on every JVM. The triangle and star follow Quílez's exact 2D distance functions
 * (https://iquilezles.org/articles/distfunctions2d/).
 */
public enum ShapeFamily {
  DISC {
    @Override
    double distance(double x, double y, double r) {
      return Math.sqrt(x * x + y * y) - r;
    }
  },
  SQUARE {
    @Override
    double distance(double x, double y, double r) {
      double s = 0.8 * r;
      double qx = Math.abs(x) - s;
      double qy = Math.abs(y) - s;
      double ox = Math.max(qx, 0);
      double oy = Math.max(qy, 0);
      double outside = Math.sqrt(ox * ox + oy * oy);
      return outside + Math.min(Math.max(qx, qy), 0);
    }
  },
  TRIANGLE {
    @Override
    double distance(double x, double y, double r) {
      double k = Math.sqrt(3);
      double h = 0.85 * r;
      double px = Math.abs(x) - h;
      double py = y + h / k;
      if (px + k * py > 0) {
        double nx = (px - k * py) / 2;
        py = (-k * px - py) / 2;
        px = nx;
      }
      px -= Math.max(-2 * h, Math.min(0, px));
      return -Math.sqrt(px * px + py * py) * Math.signum(py);
    }
  },
  STAR {
    @Override
    double distance(double x, double y, double r) {
      double k1x = 0.809016994375;
      double k1y = -0.587785252292;
      double px = Math.abs(x);
      double py = y;
      double d1 = 2 * Math.max(k1x * px + k1y * py, 0);
      px -= d1 * k1x;
      py -= d1 * k1y;
      double d2 = 2 * Math.max(-k1x * px + k1y * py, 0);
      px -= d2 * -k1x;
      py -= d2 * k1y;
      px = Math.abs(px);
      py -= r;
      double inner = 0.45;
      double bax = inner * -k1y;
      double bay = inner * k1x - 1;
      double t = Math.max(0, Math.min(r, (px * bax + py * bay) / (bax * bax + bay * bay)));
      double dx = px - bax * t;
      double dy = py - bay * t;
      return Math.sqrt(dx * dx + dy * dy) * Math.signum(py * bax - px * bay);
    }
  };

  /** Signed distance from {@code (x, y)} to the outline of a shape of radius {@code r}. */
  abstract double distance(double x, double y, double r);
}
