package io.vidgan.data;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.Arrays;

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
    void reduceFrame(float[] in, int frame, int height, int width, int f, float[] out, int o) {
      int lowWidth = width / f;
      for (int y = 0; y < height / f; y++) {
        int row = frame + f * y * width * 3;
        for (int x = 0; x < lowWidth; x++) {
          System.arraycopy(in, row + f * x * 3, out, o + (y * lowWidth + x) * 3, 3);
        }
      }
    }
  },
  /**
   * The mean of each {@code f x f} block, summed in double (rows of the block in order, pixels
   * left to right) and rounded once to float, as {@code io.vidgan.ops.Resample.avgPoolSpace}
   * computes it. For {@code f = 2} this is bilinear downsampling with half-pixel centres (HVG's
   * operator).
   */
  AREA {
    @Override
    void reduceFrame(float[] in, int frame, int height, int width, int f, float[] out, int o) {
      int lowRow = width / f * 3;
      double[] sums = new double[lowRow];
      for (int y = 0; y < height / f; y++) {
        Arrays.fill(sums, 0);
        for (int dy = 0; dy < f; dy++) {
          int i = frame + (f * y + dy) * width * 3;
          for (int s = 0; s < lowRow; s += 3) {
            for (int dx = 0; dx < f; dx++, i += 3) {
              sums[s] += in[i];
              sums[s + 1] += in[i + 1];
              sums[s + 2] += in[i + 2];
            }
          }
        }
        for (int i = 0; i < lowRow; i++) {
          out[o + y * lowRow + i] = (float) (sums[i] / (f * f));
        }
      }
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
    int lowFrame = (height / spatial) * (width / spatial) * 3;
    for (int t = 0; t < frames; t += temporal) {
      reduceFrame(in, inOffset + t * height * width * 3, height, width, spatial, out,
          outOffset + t / temporal * lowFrame);
    }
  }

  /**
   * Reduces the frame starting at {@code in[frame]} by {@code f} into {@code out[o ..]}.
   */
  abstract void reduceFrame(float[] in, int frame, int height, int width, int f, float[] out,
      int o);
}
