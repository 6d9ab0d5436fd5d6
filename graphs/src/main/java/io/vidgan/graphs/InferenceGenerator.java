package io.vidgan.graphs;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.graphs.config.VideoShape;
import io.vidgan.graphs.lres.LowResGenerator;
import io.vidgan.graphs.sres.SuperResGenerator;
import io.vidgan.ops.BuildMode;
import io.vidgan.ops.LayerFactory;
import io.vidgan.ops.Variables;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A stage's generator alone, for sampling and export: {@code z} (and labels, and the low-res window
 * of a super-resolution stage) in, a video out, no discriminators, no optimizer. Its variables have
 * the training graph's names, and {@link #checkpointNames} maps them to the tensors of a training
 * checkpoint, taking the EMA weights when asked (the weights DVD-GAN samples with).
 *
 * <p>Built for {@link BuildMode#inference()} (spectral-norm vectors and BN statistics are read,
 * never written, so the graph is a pure function of its inputs) or {@link
 * BuildMode#standingStats()} (BN statistics re-estimated over dummy passes, SSW-GAN App. A).
 *
 * <p>A super-resolution stage's {@link #temporalRadius} is what a caller computing its output in
 * chunks needs: output frames farther than that from a chunk's cut ends equal those of one
 * application to the whole video.
 */
public final class InferenceGenerator {
  public static final String Z = "z";
  public static final String LABELS = "labels";
  public static final String LOW_RES = "low_res";
  public static final String FRAME_OFFSET = "frame_offset";

  /**
   * How to build the generator.
   *
   * @param frames frames per run; for a first stage this may exceed the training length (the
   *     ConvGRUs unroll further); for a super-resolution stage, output frames of the low-res clip
   *     it takes (a multiple of its time factor) unless chunked
   * @param statFrames frames with their own stored BN statistics (the training length unless the
   *     statistics are re-estimated for a longer unroll)
   * @param chunked a first stage also takes ConvGRU states and a frame offset, and returns the
   *     states to continue from, so a long video is made chunk by chunk; a super-resolution stage
   *     takes a low-res clip of any length and the offset of its first output frame in the video
   *     (HVG §3.2: applied convolutionally over the whole video, computed chunk by chunk). The
   *     offset defaults to 0 and the states to zeros when not fed
   */
  public record Options(int frames, int statFrames, boolean chunked) {}

  private final StageConfig config;
  private final Graph graph;
  private final Placeholder<TFloat32> z;
  private final Placeholder<TInt32> labels;
  private final Placeholder<TFloat32> lowRes;
  private final Operand<TFloat32> video;
  private final SuperResGenerator superRes;
  private final PlaceholderWithDefault<TInt32> frameOffset;
  private final List<PlaceholderWithDefault<TFloat32>> states = new ArrayList<>();
  private final List<Operand<TFloat32>> nextStates = new ArrayList<>();

  /**
   * A generator making {@code frames} frames per run (a first stage) or upsampling clips of the
   * trained window (a super-resolution stage), BN statistics of the training length.
   */
  public InferenceGenerator(Graph graph, Ops root, StageConfig c, BuildMode mode, int frames) {
    this(graph, root, c, mode, new Options(frames, c.getVideo().getFrames(), false));
  }

  public InferenceGenerator(Graph graph, Ops root, StageConfig c, BuildMode mode, Options o) {
    this.config = c;
    this.graph = graph;
    Ops in = root.withSubScope(c.getName() + "_inputs");
    this.frameOffset = o.chunked() ? in.withName(FRAME_OFFSET).placeholderWithDefault(
        in.constant(0), Shape.scalar()) : null;
    BuildMode m = frameOffset == null ? mode : mode.withFrameOffset(frameOffset);
    Ops stage = root.withSubScope(c.getName());
    LayerFactory layers = new LayerFactory(stage, m, c.getSeed(), c.getSpectralNorm());
    this.z = in.withName(Z).placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(-1, c.getLatentDim())));
    this.labels = c.getNumClasses() > 0
        ? in.withName(LABELS).placeholder(TInt32.class, Placeholder.shape(Shape.of(-1))) : null;
    if (c.getKind() == StageConfig.Kind.SUPER_RES) {
      VideoShape l = StageConfigs.lowResShape(c);
      int timeFactor = c.getLowRes().getTimeFactor();
      checkArgument(o.frames() % timeFactor == 0, "%s makes %s frames per low-res frame, so not %s",
          c.getName(), timeFactor, o.frames());
      this.lowRes = in.withName(LOW_RES).placeholder(TFloat32.class, Placeholder.shape(Shape.of(
          -1, o.chunked() ? -1 : o.frames() / timeFactor, l.getHeight(), l.getWidth(), 3)));
      this.superRes = new SuperResGenerator(layers, c, o.statFrames());
      this.video = superRes.apply(root, lowRes, z, labels);
    } else {
      this.lowRes = null;
      this.superRes = null;
      LowResGenerator g = new LowResGenerator(layers, c, o.statFrames());
      if (o.chunked()) {
        states.addAll(g.statePlaceholders(in, z));
      }
      LowResGenerator.Chunk chunk = g.apply(root, z, labels, o.frames(),
          o.chunked() ? new ArrayList<>(states) : null);
      this.video = chunk.video();
      Ops out = root.withSubScope(c.getName() + "_outputs");
      for (int i = 0; o.chunked() && i < chunk.states().size(); i++) {
        nextStates.add(out.withName("state_" + i).identity(chunk.states().get(i)));
      }
    }
  }

  public StageConfig config() {
    return config;
  }

  /** {@code [B, latent]}. */
  public Placeholder<TFloat32> z() {
    return z;
  }

  /** {@code [B]}, or null for unconditional stages. */
  public Placeholder<TInt32> labels() {
    return labels;
  }

  /**
   * {@code [B, T', H', W', 3]} for super-resolution stages ({@code T'} unknown until run time
   * when chunked), else null.
   */
  public Placeholder<TFloat32> lowRes() {
    return lowRes;
  }

  /** {@code [B, T, H, W, 3]} in [-1, 1]. */
  public Operand<TFloat32> video() {
    return video;
  }

  /**
   * Scalar index of the chunk's first (output) frame in the video, which picks its rows of BN
   * statistics (0 unless fed); null unless chunked.
   */
  public PlaceholderWithDefault<TInt32> frameOffset() {
    return frameOffset;
  }

  /**
   * One {@code [B, H, W, C]} ConvGRU state per unit to continue from (zeros unless fed); empty
   * unless chunked.
   */
  public List<PlaceholderWithDefault<TFloat32>> states() {
    return states;
  }

  /** The states after this chunk, matching {@link #states()}; empty unless chunked. */
  public List<Operand<TFloat32>> nextStates() {
    return nextStates;
  }

  /**
   * This super-resolution generator applied again, with the same variables, to inputs computed in
   * the graph (e.g. the first stage's whole video, to build a whole chain).
   *
   * @param lowRes {@code [N, T', H', W', 3]}, a clip of any length: the generator is applied to
   *     it as to a whole video
   * @return {@code [N, T' * time_factor, H, W, 3]} in [-1, 1]
   */
  public Operand<TFloat32> upsample(Ops tf, Operand<TFloat32> lowRes, Operand<TFloat32> z,
      Operand<TInt32> labels) {
    checkState(superRes != null, "%s is not a super-resolution stage", config.getName());
    return superRes.apply(tf, lowRes, z, labels);
  }

  /**
   * Output frames on each side of a super-resolution stage's output frame that it depends on.
   */
  public int temporalRadius() {
    checkState(superRes != null, "%s is not a super-resolution stage", config.getName());
    return superRes.temporalRadius();
  }

  /**
   * Training-checkpoint tensor name of every variable of this generator that a checkpoint holds.
   *
   * @param ema take trainable weights from the EMA shadows ({@link GeneratorEma#shadowName})
   * @param withStatistics include the BN moving statistics (false when they are re-estimated)
   */
  public Map<String, Output<TFloat32>> checkpointNames(boolean ema, boolean withStatistics) {
    String prefix = config.getName() + "/" + Generator.SCOPE;
    Map<String, Output<TFloat32>> names = new LinkedHashMap<>();
    for (Output<TFloat32> v : Variables.under(graph, prefix, false)) {
      String name = v.op().name();
      Optional<Variables.State> state = Variables.State.of(name);
      if (state.isPresent() && !restored(state.get(), withStatistics)) {
        continue;
      }
      names.put(ema && state.isEmpty() ? GeneratorEma.shadowName(config.getName(), name) : name,
          v);
    }
    return names;
  }

  /** Whether a training checkpoint's {@code state} is restored into this generator. */
  private static boolean restored(Variables.State state, boolean withStatistics) {
    return switch (state) {
      case SPECTRAL_NORM_U -> true;
      case MOVING_MEAN, MOVING_VARIANCE -> withStatistics;
      case PASS_COUNT -> false;
    };
  }
}
