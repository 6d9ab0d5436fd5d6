package io.vidgan.data;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How a stage's low-resolution view is made from a higher-resolution video {@code [T, H, W, 3]}.
 * Time is subsampled by keeping frame {@code f*t}; space by one of the operators below. The same
 * operator makes the training clips of a low-res stage from the base resolution and the low-res
 * views of the super-resolution stage above it, so the two agree exactly.
 *
 * <p>SSW-GAN (ICLR 2021 submission, "Scalable Stage-wise Training of Video GANs", §3) uses
 * nearest-neighbour downsampling; HVG uses a spatial bilinear operator and temporal subsampling
 * (Castrejon et al., 2021, <a href="https://arxiv.org/abs/2106.02719">Hierarchical Video
 * Generation for Complex Data</a>, §3).
 */
public enum Downsampling {
  /**
   * Keeps pixel {@code (f*i, f*j)}: the rule of {@code io.vidgan.ops.Resample.downsampleSpace} and
   * of TF's {@code resize_nearest_neighbor} without corner alignment.
   */
  NEAREST {
    @Override
    float pixel(float[] in, int frame, int width, int f, int y, int x, int c) {
      return in[frame + ((f * y) * width + f * x) * 3 + c];
    }
  },
  /**
   * The mean of each {@code f x f} block, summed in double and rounded once to float, as {@code
   * io.vidgan.ops.Resample.avgPoolSpace} computes it. For {@code f = 2} this is bilinear
   * downsampling with half-pixel centres (HVG's operator).
   */
  AREA {
    @Override
    float pixel(float[] in, int frame, int width, int f, int y, int x, int c) {
      double sum = 0;
      for (int dy = 0; dy < f; dy++) {
        int row = frame + ((f * y + dy) * width + f * x) * 3 + c;
        for (int dx = 0; dx < f; dx++) {
          sum += in[row + 3 * dx];
        }
      }
      return (float) (sum / (f * f));
    }
  };

  /**
   * Downsamples {@code in[inOffset ..]}, a video {@code [frames, height, width, 3]}, by {@code
   * spatial} in space and {@code temporal} in time into {@code out[outOffset ..]}, which receives
   * {@code [frames/temporal, height/spatial, width/spatial, 3]}.
   */
  public void apply(float[] in, int inOffset, int frames, int height, int width, int spatial,
      int temporal, float[] out, int outOffset) {
    checkArgument(spatial >= 1 && height % spatial == 0 && width % spatial == 0,
        "cannot downsample %sx%s by %s", height, width, spatial);
    checkArgument(temporal >= 1 && frames % temporal == 0,
        "cannot subsample %s frames by %s", frames, temporal);
    int lowHeight = height / spatial;
    int lowWidth = width / spatial;
    int o = outOffset;
    for (int t = 0; t < frames; t += temporal) {
      int frame = inOffset + t * height * width * 3;
      for (int y = 0; y < lowHeight; y++) {
        for (int x = 0; x < lowWidth; x++) {
          for (int c = 0; c < 3; c++) {
            out[o++] = pixel(in, frame, width, spatial, y, x, c);
          }
        }
      }
    }
  }

  /** Channel {@code c} of low-res pixel {@code (y, x)} of the frame starting at {@code frame}. */
  abstract float pixel(float[] in, int frame, int width, int f, int y, int x, int c);
}
