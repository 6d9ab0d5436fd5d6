package io.vidgan.metrics;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.ops.io.CheckpointException;
import io.vidgan.ops.io.CheckpointIndex;
import io.vidgan.ops.io.CheckpointTensor;
import java.util.Optional;

/**
 * How a published I3D checkpoint names and shapes its variables, and how many classes it has.
 *
 * <p>The deepmind/kinetics-i3d checkpoints come in two layouts: {@code rgb_imagenet} and {@code
 * rgb_scratch} (Kinetics-400) prefix every name with {@code RGB/inception_i3d/} and store
 * batch-norm vectors as {@code [C]}; {@code rgb_scratch_kin600} (Kinetics-600) has no prefix and
 * stores them as {@code [1, 1, 1, 1, C]} (and carries {@code /Momentum} optimizer slots, which
 * inference ignores). The TF-Hub modules {@code i3d-kinetics-400/1} and {@code -600/1} use the
 * {@code RGB/inception_i3d/} names with {@code [1, 1, 1, 1, C]} vectors (as a public script that
 * converts them with {@code hub.load(...).variables} reads them; not checked here, the module
 * cannot be downloaded). The graph is built in the weights' own layout so every tensor restores by
 * its name and shape.
 *
 * @param scope the variable name prefix without trailing slash, e.g. {@code RGB/inception_i3d}, or
 *     empty
 * @param classes number of logits (400 for Kinetics-400, 600 for Kinetics-600)
 * @param fiveDimBatchNorm whether batch-norm vectors are {@code [1, 1, 1, 1, C]} instead of {@code
 *     [C]}
 */
public record I3dLayout(String scope, int classes, boolean fiveDimBatchNorm) {
  /** The scope of the Kinetics-400 checkpoints and of the TF-Hub module the reference FVD uses. */
  public static final String RGB_SCOPE = "RGB/inception_i3d";

  /** {@code rgb_imagenet} and {@code rgb_scratch}. */
  public static final I3dLayout KINETICS_400 = new I3dLayout(RGB_SCOPE, 400, false);

  /** {@code rgb_scratch_kin600}. */
  public static final I3dLayout KINETICS_600 = new I3dLayout("", 600, true);

  /** The logits bias, relative to the scope; its length is the number of classes. */
  static final String LOGITS_BIAS = "Logits/Conv3d_0c_1x1/conv_3d/b";

  /** The first batch-norm vector, relative to the scope; its rank tells the layout. */
  static final String FIRST_BETA = "Conv3d_1a_7x7/batch_norm/beta";

  public I3dLayout {
    checkArgument(classes > 0, "classes must be positive, got %s", classes);
    checkArgument(!scope.startsWith("/") && !scope.endsWith("/"),
        "scope must not start or end with '/', got '%s'", scope);
  }

  /** The full checkpoint name of {@code relative}, e.g. {@code RGB/inception_i3d/Logits/...}. */
  public String name(String relative) {
    return scope.isEmpty() ? relative : scope + "/" + relative;
  }

  /**
   * The layout of an I3D RGB checkpoint, told from the names and shapes of its logits bias and
   * first batch-norm vector.
   *
   * @throws CheckpointException if {@code index} is not an I3D RGB checkpoint
   */
  public static I3dLayout detect(CheckpointIndex index) throws CheckpointException {
    for (String scope : new String[] {RGB_SCOPE, ""}) {
      I3dLayout probe = new I3dLayout(scope, 1, false);
      Optional<CheckpointTensor> bias = index.find(probe.name(LOGITS_BIAS));
      if (bias.isPresent()) {
        CheckpointTensor beta = index.get(probe.name(FIRST_BETA));
        return new I3dLayout(scope, (int) bias.get().shape().size(),
            beta.shape().numDimensions() == 5);
      }
    }
    throw new CheckpointException("checkpoint " + index.prefix() + " is not an I3D RGB checkpoint:"
        + " it has neither " + KINETICS_400.name(LOGITS_BIAS) + " nor " + LOGITS_BIAS);
  }

  @Override
  public String toString() {
    return classes + " classes, names under '" + (scope.isEmpty() ? "" : scope + "/") + "', "
        + (fiveDimBatchNorm ? "5-D" : "1-D") + " batch-norm vectors";
  }
}
