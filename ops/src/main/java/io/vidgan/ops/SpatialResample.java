package io.vidgan.ops;

import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * What a residual block does to height and width: keeps them, doubles them (nearest neighbour, a
 * generator block) or halves them (2x2 average pooling, a discriminator block). Blocks never
 * resample time: the temporal factors of a stage are applied outside its blocks.
 *
 * <p>BigGAN's architecture tables give one resample flag per block ({@code upsample} in G, {@code
 * downsample} in D); a value says which one is meant where a boolean would not.
 */
public enum SpatialResample {
  NONE,
  /** 2x nearest-neighbour upsampling ({@link Resample#upsampleSpace}). */
  UP,
  /** 2x2 average pooling ({@link Resample#avgPoolSpace}). */
  DOWN;

  /** {@code [B, T, H, W, C] -> [B, T, H', W', C]} with {@code H' = outputSize(H)}. */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    return switch (this) {
      case NONE -> x;
      case UP -> Resample.upsampleSpace(tf, x, 2);
      case DOWN -> Resample.avgPoolSpace(tf, x, 2);
    };
  }

  /** Side of the output of a {@code size x size} input. */
  public int outputSize(int size) {
    return switch (this) {
      case NONE -> size;
      case UP -> 2 * size;
      case DOWN -> size / 2;
    };
  }
}
