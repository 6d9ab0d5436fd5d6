package io.vidgan.data.builtin;

import java.util.SplittableRandom;

/**
 * One textured shape of a scene and its initial state. It moves with momentum under the scene's
 * gravity, bounces elastically off the frame's edges and spins; its texture turns with it.
 * Lengths are in units of the frame height, speeds per frame.
 */
final class Sprite {
  final double radius;
  final Texture texture;
  final double x0;
  final double y0;
  final double vx0;
  final double vy0;
  final double angle0;
  final double spin;

  private Sprite(double radius, Texture texture, double x0, double y0, double vx0, double vy0,
      double angle0, double spin) {
    this.radius = radius;
    this.texture = texture;
    this.x0 = x0;
    this.y0 = y0;
    this.vx0 = vx0;
    this.vy0 = vy0;
    this.angle0 = angle0;
    this.spin = spin;
  }

  /** A random sprite inside a frame {@code aspect} heights wide. */
  static Sprite random(SplittableRandom random, double aspect) {
    double radius = random.nextDouble(0.07, 0.17);
    double speed = random.nextDouble(0.006, 0.02);
    double heading = random.nextDouble(2 * Math.PI);
    return new Sprite(radius, Texture.random(random, true),
        random.nextDouble(radius, aspect - radius), random.nextDouble(radius, 1 - radius),
        speed * StrictMath.cos(heading), speed * StrictMath.sin(heading),
        random.nextDouble(2 * Math.PI), random.nextDouble(-0.06, 0.06));
  }
}
