package io.vidgan.data.builtin;

import java.util.SplittableRandom;

/**
 * Everything random about one built-in video, drawn from {@code (seed, index)}: the shape family
 * (the class label), 2-4 sprites, a textured background panning slowly, an optional foreground
 * pillar drifting faster than the background (parallax) that passes in front of the shapes,
 * gravity, and the lighting. Independent of resolution: a scene rendered at two sizes shows the
 * same content.
 */
final class Scene {
  final double aspect;
  final ShapeFamily family;
  final Sprite[] sprites;
  final double gravity;
  final Texture background;
  final double panX0;
  final double panY0;
  final double panVx;
  final double panVy;
  final Texture pillar;
  final double pillarX0;
  final double pillarSpeed;
  final double pillarHalfWidth;
  final Lighting lighting;

  private Scene(double aspect, SplittableRandom random) {
    this.aspect = aspect;
    this.family = ShapeFamily.values()[random.nextInt(ShapeFamily.values().length)];
    this.sprites = new Sprite[random.nextInt(2, 5)];
    for (int i = 0; i < sprites.length; i++) {
      sprites[i] = Sprite.random(random, aspect);
    }
    this.gravity = random.nextBoolean() ? random.nextDouble(0.0002, 0.0008) : 0;
    this.background = Texture.random(random, false);
    this.panX0 = random.nextDouble(100);
    this.panY0 = random.nextDouble(100);
    double panSpeed = random.nextDouble(0.001, 0.004);
    double panHeading = random.nextDouble(2 * Math.PI);
    this.panVx = panSpeed * StrictMath.cos(panHeading);
    this.panVy = panSpeed * StrictMath.sin(panHeading);
    boolean hasPillar = random.nextDouble() < 0.6;
    this.pillar = hasPillar ? Texture.random(random, false) : null;
    this.pillarHalfWidth = random.nextDouble(0.04, 0.09);
    this.pillarX0 = random.nextDouble(aspect);
    this.pillarSpeed = (random.nextBoolean() ? 1 : -1) * random.nextDouble(0.004, 0.012);
    this.lighting = Lighting.random(random);
  }

  /** The scene of video {@code index} for a frame {@code aspect} (width / height) wide. */
  static Scene of(long seed, int index, double aspect) {
    long mixed = seed * 0x9E3779B97F4A7C15L + index * 0xBF58476D1CE4E5B9L;
    return new Scene(aspect, new SplittableRandom(mixed));
  }

  /** Centre of the pillar at {@code frame}: it wraps around, re-entering on the other side. */
  double pillarX(int frame) {
    double span = aspect + 4 * pillarHalfWidth;
    double x = pillarX0 + pillarSpeed * frame + 2 * pillarHalfWidth;
    return x - Math.floor(x / span) * span - 2 * pillarHalfWidth;
  }
}
