package io.vidgan.ops;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkNotNull;

import org.tensorflow.Operand;
import org.tensorflow.types.TInt32;

/**
 * How a graph is built: for training, for inference, or for re-estimating batch-norm statistics.
 *
 * <p>Training graphs update persistent state as they run (the spectral-norm vectors {@code u} and
 * the batch-norm moving averages); inference graphs only read it. The {@link #standingStats()} mode
 * normalises with batch statistics and accumulates their running mean into the moving averages: it
 * is how the "200 dummy forward passes" of SSW-GAN App. A recompute per-timestep statistics for a
 * new unroll length.
 */
public final class BuildMode {
  /** What a graph does with persistent normalisation state. */
  public enum Kind {
    TRAIN,
    INFERENCE,
    STANDING_STATS
  }

  private static final BuildMode TRAIN = new BuildMode(Kind.TRAIN, MomentsReducer.LOCAL, null);
  private static final BuildMode INFERENCE =
      new BuildMode(Kind.INFERENCE, MomentsReducer.LOCAL, null);
  private static final BuildMode STANDING =
      new BuildMode(Kind.STANDING_STATS, MomentsReducer.LOCAL, null);

  private final Kind kind;
  private final MomentsReducer momentsReducer;
  private final Operand<TInt32> frameOffset;

  private BuildMode(Kind kind, MomentsReducer momentsReducer, Operand<TInt32> frameOffset) {
    this.kind = kind;
    this.momentsReducer = momentsReducer;
    this.frameOffset = frameOffset;
  }

  public static BuildMode train() {
    return TRAIN;
  }

  public static BuildMode inference() {
    return INFERENCE;
  }

  public static BuildMode standingStats() {
    return STANDING;
  }

  /** The same mode with batch-norm moments combined by {@code reducer} (e.g. across replicas). */
  public BuildMode withMomentsReducer(MomentsReducer reducer) {
    return new BuildMode(kind, checkNotNull(reducer, "reducer"), frameOffset);
  }

  /**
   * The same inference mode for a chunk of a longer video that starts at frame {@code offset} (a
   * scalar fed at run time): batch norm reads the stored statistics of frame {@code offset + t}.
   */
  public BuildMode withFrameOffset(Operand<TInt32> offset) {
    checkArgument(kind == Kind.INFERENCE, "a frame offset needs an inference mode, got %s", this);
    return new BuildMode(kind, momentsReducer, checkNotNull(offset, "offset"));
  }

  /** The first frame's index in the video (a scalar), or null for 0. */
  public Operand<TInt32> frameOffset() {
    return frameOffset;
  }

  public Kind kind() {
    return kind;
  }

  /** True when running the graph updates spectral-norm vectors and moving statistics. */
  public boolean isTraining() {
    return kind == Kind.TRAIN;
  }

  /**
   * True when the graph has each spectral-norm vector's {@code update_u} op: training graphs run
   * it with every use of the kernel; standing-statistics graphs have it for the caller to run
   * (re-estimation converges {@code u} for the exported weights, e.g. G's EMA, before the passes).
   */
  public boolean updatesSpectralNorm() {
    return kind != Kind.INFERENCE;
  }

  /** True when batch norm normalises with the statistics of the current batch. */
  public boolean usesBatchStatistics() {
    return kind != Kind.INFERENCE;
  }

  public MomentsReducer momentsReducer() {
    return momentsReducer;
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT);
  }
}
