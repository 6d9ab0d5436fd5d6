package io.vidgan.data.builtin;

import java.util.SplittableRandom;

/**
 * Light that changes over time: overall brightness breathing slowly, a directional gradient whose
 * direction turns (and moves the shapes' shadows), and a warm/cool colour tint drifting.
 */
final class Lighting {
  private final double amplitude;
  private final double period;
  private final double phase;
  private final double direction0;
  private final double turn;
  private final double tintPeriod;

  /** The light at one frame. */
  record State(double brightness, double dirX, double dirY, double tint) {}

  private Lighting(double amplitude, double period, double phase, double direction0, double turn,
      double tintPeriod) {
    this.amplitude = amplitude;
    this.period = period;
    this.phase = phase;
    this.direction0 = direction0;
    this.turn = turn;
    this.tintPeriod = tintPeriod;
  }

  static Lighting random(SplittableRandom random) {
    return new Lighting(random.nextDouble(0.08, 0.25), random.nextDouble(60, 200),
        random.nextDouble(2 * Math.PI), random.nextDouble(2 * Math.PI),
        random.nextDouble(-0.02, 0.02), random.nextDouble(80, 300));
  }

  State at(int frame) {
    double brightness = 1 + amplitude * StrictMath.sin(2 * Math.PI * frame / period + phase);
    double direction = direction0 + turn * frame;
    double tint = 0.08 * StrictMath.sin(2 * Math.PI * frame / tintPeriod);
    return new State(brightness, StrictMath.cos(direction), StrictMath.sin(direction), tint);
  }
}
