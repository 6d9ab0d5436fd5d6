package io.vidgan.ops;

/**
 * Makes the convolution a block is built from (BigGAN's {@code which_conv}): a per-frame 2-D conv,
 * a full 3-D conv or a separable 3-D conv, so one block class serves all of them.
 */
@FunctionalInterface
public interface ConvFactory {
  /** A 3x3 (x3) convolution named {@code name} under {@code f}'s scope. */
  VideoLayer create(LayerFactory f, String name, int inChannels, int outChannels);

  /** Per-frame 3x3 convolutions (frames folded into the batch). */
  ConvFactory FRAME_2D = (f, name, in, out) -> new Conv2d(f, name, in, out, 3);
  /** 3x3x3 convolutions over time and space. */
  ConvFactory FULL_3D = (f, name, in, out) -> new Conv3d(f, name, in, out, 3, 3);
  /** A temporal 3 then spatial 3x3 convolution (SSW-GAN App. B.2). */
  ConvFactory SEPARABLE_3D = SeparableConv3d::new;
}
