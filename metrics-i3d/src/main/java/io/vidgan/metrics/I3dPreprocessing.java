package io.vidgan.metrics;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.data.io.PixelValues;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.op.Ops;
import org.tensorflow.op.image.ResizeBilinear;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TUint8;

/**
 * Turns 8-bit RGB videos into I3D's input exactly as the reference FVD does ({@code preprocess} in
 * google-research {@code frechet_video_distance.py}): every frame is resized directly to 224x224
 * (no crop, aspect ratio not kept) with TF1 {@code tf.image.resize_bilinear} semantics ({@code
 * align_corners=false}, {@code half_pixel_centers=false}: source coordinate {@code y * in / out},
 * clamped neighbours), then scaled {@code 2 * x / 255 - 1} into {@code [-1, 1]}.
 *
 * <p>Generated videos in {@code [-1, 1]} enter through {@link #quantize}, as if saved as 8-bit
 * video first (StyleGAN-V and LongVideoGAN also quantise generator output before the detector).
 *
 * @see <a href="https://arxiv.org/abs/1812.01717">Unterthiner et al., 2018, Towards Accurate
 *     Generative Models of Video: A New Metric and Challenges</a>
 */
public final class I3dPreprocessing {
  /** One-line description for settings cards. */
  public static final String DESCRIPTION = "uint8 RGB -> TF1 resize_bilinear to 224x224"
      + " (align_corners=false, half_pixel_centers=false, no crop) -> 2x/255-1;"
      + " generated [-1,1] videos first quantised to uint8 as round(127.5x+127.5) clamped";

  private I3dPreprocessing() {}

  /**
   * @param video {@code [B, T, H, W, 3]} uint8 with static {@code T >= 1}; batch, height and width
   *     may be dynamic
   * @return {@code [B, T, 224, 224, 3]} float in {@code [-1, 1]}
   */
  public static Operand<TFloat32> apply(Ops tf, Operand<TUint8> video) {
    checkArgument(video.shape().numDimensions() == 5 && video.shape().get(4) == 3,
        "expected uint8 RGB videos [B, T, H, W, 3], got %s", video.shape());
    long frames = video.shape().get(1);
    checkArgument(frames > 0, "the number of frames must be static, got %s", video.shape());
    Ops t = tf.withSubScope("i3d_preprocessing");
    Operand<TInt32> frameShape = t.slice(t.shape(video), t.constant(new int[] {2}),
        t.constant(new int[] {3}));
    Operand<TUint8> stacked = t.reshape(video, t.concat(List.of(t.constant(new int[] {-1}),
        frameShape), t.constant(0)));
    Operand<TFloat32> resized = t.image.resizeBilinear(stacked,
        t.constant(new int[] {I3d.IMAGE_SIZE, I3d.IMAGE_SIZE}),
        ResizeBilinear.alignCorners(false), ResizeBilinear.halfPixelCenters(false));
    Operand<TFloat32> videos = t.reshape(resized,
        t.constant(new long[] {-1, frames, I3d.IMAGE_SIZE, I3d.IMAGE_SIZE, 3}));
    return t.math.sub(t.math.div(t.math.mul(videos, t.constant(2f)), t.constant(255f)),
        t.constant(1f));
  }

  /** A generated value in {@code [-1, 1]} as the 8-bit value it would be saved as. */
  public static byte quantize(float x) {
    return PixelValues.toByte(x);
  }
}
