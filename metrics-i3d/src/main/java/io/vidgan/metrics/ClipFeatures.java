package io.vidgan.metrics;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The I3D features of a clip set, reduced for the metrics: running statistics of the logits (FVD)
 * and of the pooled features (FID), plus every clip's logits (IS needs them per clip: 2048 x 400
 * floats, small).
 */
public final class ClipFeatures {
  private final FeatureStatistics logits;
  private final FeatureStatistics pooled;
  private final List<float[]> logitBatches = new ArrayList<>();
  private int count;

  /** @param classes logits per clip */
  public ClipFeatures(int classes) {
    this(new FeatureStatistics(classes), new FeatureStatistics(I3d.FEATURES), 0);
  }

  private ClipFeatures(FeatureStatistics logits, FeatureStatistics pooled, int count) {
    this.logits = logits;
    this.pooled = pooled;
    this.count = count;
  }

  /** Adds a batch. */
  public void add(Embeddings e) {
    checkArgument(e.classes() == logits.dim(), "expected %s logits per clip, got %s",
        logits.dim(), e.classes());
    logits.add(e.logits(), e.count());
    pooled.add(e.pooled(), e.count());
    logitBatches.add(e.logits().clone());
    count += e.count();
  }

  /** Number of clips. */
  public int count() {
    return count;
  }

  /** Logits per clip. */
  public int classes() {
    return logits.dim();
  }

  /** Statistics of the time-averaged logits (the FVD feature). */
  public FeatureStatistics logits() {
    return logits;
  }

  /** Statistics of the pooled 1024-d features (the FID feature). */
  public FeatureStatistics pooled() {
    return pooled;
  }

  /**
   * Every clip's logits, row-major {@code [count, classes]}.
   *
   * @throws IllegalStateException for features read back from a cache, which keeps statistics only
   */
  public float[] allLogits() {
    float[] out = new float[count * classes()];
    int at = 0;
    for (float[] batch : logitBatches) {
      System.arraycopy(batch, 0, out, at, batch.length);
      at += batch.length;
    }
    checkState(at == out.length, "per-clip logits are not kept in cached statistics");
    return out;
  }

  /** Writes the statistics (not the per-clip logits). */
  void writeStatistics(DataOutputStream out) throws IOException {
    out.writeInt(count);
    logits.write(out);
    pooled.write(out);
  }

  /** Reads what {@link #writeStatistics} wrote; the per-clip logits are not restored. */
  static ClipFeatures readStatistics(DataInputStream in) throws IOException {
    int count = in.readInt();
    return new ClipFeatures(FeatureStatistics.read(in), FeatureStatistics.read(in), count);
  }
}
