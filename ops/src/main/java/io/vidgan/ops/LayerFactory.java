package io.vidgan.ops;

import static com.google.common.base.Preconditions.checkArgument;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Creates layers under one scope, pre-bound to a build mode, an initialiser and spectral
 * normalisation, the way BigGAN pre-binds {@code which_conv} and {@code which_bn} with {@code
 * functools.partial}. Blocks never branch on whether spectral norm is on.
 *
 * <p>Every kernel is orthogonally initialised and, if enabled, spectrally normalised (DVD-GAN and
 * SSW-GAN App. A do both for every weight of G and D). Biases start at zero and are not normalised.
 * Layers compute their convolutions and matrix products in the factory's {@link Precision}
 * (float32 unless {@link #withPrecision} says otherwise).
 */
public final class LayerFactory {
  private final Ops tf;
  private final BuildMode mode;
  private final long seed;
  private final boolean spectralNorm;
  private final WeightInit init;
  private final Precision precision;

  /**
   * @param tf the scope variables are created in (e.g. {@code lres/generator})
   * @param mode training, inference or standing-statistics graph
   * @param seed base seed of every random initial value
   * @param spectralNorm whether kernels are spectrally normalised
   */
  public LayerFactory(Ops tf, BuildMode mode, long seed, boolean spectralNorm) {
    this(tf, mode, seed, spectralNorm, Precision.FP32);
  }

  private LayerFactory(Ops tf, BuildMode mode, long seed, boolean spectralNorm,
      Precision precision) {
    this.tf = tf;
    this.mode = mode;
    this.seed = seed;
    this.spectralNorm = spectralNorm;
    this.init = new OrthogonalInit(seed);
    this.precision = precision;
  }

  /** The same factory whose layers compute their products in {@code precision}. */
  public LayerFactory withPrecision(Precision precision) {
    return new LayerFactory(tf, mode, seed, spectralNorm, precision);
  }

  /** The precision this factory's layers compute their products in. */
  public Precision precision() {
    return precision;
  }

  /** The scope variables are created in. */
  public Ops tf() {
    return tf;
  }

  public BuildMode mode() {
    return mode;
  }

  /** The same factory one scope level down. */
  public LayerFactory child(String name) {
    return new LayerFactory(tf.withSubScope(name), mode, seed, spectralNorm, precision);
  }

  /** A {@code kernel} variable in this scope, spectrally normalised if enabled. */
  public Operand<TFloat32> kernel(Shape shape) {
    Variable<TFloat32> kernel = Variables.create(tf, "kernel", shape, init);
    return spectralNorm ? new SpectralNorm(tf, kernel, mode, seed).normalized() : kernel;
  }

  /** A zero-initialised {@code bias} variable in this scope. */
  public Operand<TFloat32> bias(long channels) {
    return Variables.constant(tf, "bias", Shape.of(channels), 0f);
  }

  /** A zero- or one-initialised variable in this scope. */
  public Variable<TFloat32> constant(String name, Shape shape, float value) {
    return Variables.constant(tf, name, shape, value);
  }

  static void checkPositive(String what, long value) {
    checkArgument(value > 0, "%s must be positive, got %s", what, value);
  }
}
