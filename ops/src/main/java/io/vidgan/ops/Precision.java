package io.vidgan.ops;

import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TBfloat16;
import org.tensorflow.types.TFloat16;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.family.TFloating;

/**
 * The number format a graph's convolutions and matrix products compute in (mixed precision,
 * Micikevicius et al., ICLR 2018, §3).
 *
 * <p>Variables stay float32 (the master weights, and so the checkpoint format); {@link
 * #product} casts a layer's input and its (spectrally normalised) kernel to the compute type at
 * use and its result back to float32, so everything between two products, batch-norm moments,
 * spectral-norm power iteration, losses, gradient norms and Adam, stays float32. The gradient of
 * a product comes back to the float32 kernel through {@code Cast}'s gradient. This is the
 * per-op policy of autocasting (only the FLOP-heavy ops in reduced precision); activations are
 * stored in float32 between layers.
 *
 * <p>{@link #FP16} needs loss scaling ({@link io.vidgan.ops.optim.DynamicLossScale}): its 5
 * exponent bits underflow small gradients (§3.2).
 * {@link #BF16} has float32's exponent and 8 bits of significand and needs none.
 *
 * @see <a href="https://arxiv.org/abs/1710.03740">Micikevicius et al., 2018, Mixed Precision
 *     Training</a>
 */
public enum Precision {
  FP32(TFloat32.class),
  BF16(TBfloat16.class),
  FP16(TFloat16.class);

  /** A product-like op of an input and a kernel of one type (a convolution, a matrix product). */
  @FunctionalInterface
  public interface Product {
    <T extends TFloating> Operand<T> apply(Ops tf, Operand<T> x, Operand<T> kernel);
  }

  private final Class<? extends TFloating> type;

  Precision(Class<? extends TFloating> type) {
    this.type = type;
  }

  /** Bits of significand, the implicit one included: 24, 8 and 11. */
  public int significandBits() {
    return switch (this) {
      case FP32 -> 24;
      case BF16 -> 8;
      case FP16 -> 11;
    };
  }

  /** True when gradients must be scaled to stay representable ({@link #FP16}). */
  public boolean needsLossScaling() {
    return this == FP16;
  }

  /**
   * {@code op(x, kernel)} computed in this precision, as float32; a bf16 product in float32 if
   * the kernel's input dimension (its second last) is odd.
   *
   * <p>That exception: TF 2.18's oneDNN bf16 forward convolution ({@code
   * brg_conv_fwd:avx512_core_bf16}, found on AMD EPYC Zen 5), whose kernel layout pairs input
   * channels, is wrong for an odd number of them: about half its outputs are off by up to the sum
   * of their terms' magnitudes (3, 5, 7 channels; even counts and the backward passes are within
   * rounding). A discriminator's first convolution reads 3 RGB channels. Computing such a product
   * in float32 keeps its FLOPs and costs little (a 3-channel layer is among the cheapest). The
   * wrong results come from oneDNN's blocking for the cache sizes it reads, which a virtual
   * machine that hides AMD's cache CPUID leaf makes 1 byte (docs/ENGINEERING.md "Mixed
   * precision"); the exception protects every such host.
   */
  public Operand<TFloat32> product(Ops tf, Product op, Operand<TFloat32> x,
      Operand<TFloat32> kernel) {
    return this == FP32 || this == BF16 && oddInputs(kernel) ? op.apply(tf, x, kernel)
        : productIn(type, tf, op, x, kernel);
  }

  private static boolean oddInputs(Operand<TFloat32> kernel) {
    Shape s = kernel.shape();
    return s.get(s.numDimensions() - 2) % 2 != 0;
  }

  private static <T extends TFloating> Operand<TFloat32> productIn(Class<T> type, Ops tf,
      Product op, Operand<TFloat32> x, Operand<TFloat32> kernel) {
    Operand<T> y = op.apply(tf, tf.dtypes.cast(x, type), tf.dtypes.cast(kernel, type));
    return tf.dtypes.cast(y, TFloat32.class);
  }
}
