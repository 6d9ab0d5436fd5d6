package io.vidgan.metrics;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * I3D features of a batch of clips, row-major.
 *
 * @param count number of clips
 * @param classes logits per clip
 * @param logits {@code [count, classes]} time-averaged logits (FVD, IS)
 * @param pooled {@code [count, 1024]} pooled features (FID)
 */
public record Embeddings(int count, int classes, float[] logits, float[] pooled) {
  public Embeddings {
    checkArgument(logits.length == (long) count * classes, "expected %s x %s logits, got %s",
        count, classes, logits.length);
    checkArgument(pooled.length == (long) count * I3d.FEATURES,
        "expected %s x %s pooled features, got %s", count, I3d.FEATURES, pooled.length);
  }
}
