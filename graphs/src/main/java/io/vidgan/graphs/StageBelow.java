package io.vidgan.graphs;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.graphs.config.StageLink;
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
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Gather;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.PlaceholderWithDefault;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The frozen, trained stages below a super-resolution stage, generating in its training graph the
 * low-res windows its fake pairs are conditioned on: {@code x_l ~ p_g1}, not a view of real data.
 *
 * <p>SSW-GAN's stage-2 value function (eq. 3; on windows, eq. 6) judges real pairs {@code (x,
 * x_l)} from data against fake pairs {@code (G_2(z_2, x_l), x_l)} with {@code x_l} drawn from the
 * trained stage 1, {@code x_l ~ p_g1}; HVG (§2) likewise
 * trains "upscaling stages on previous level outputs". The matching discriminator therefore sees
 * stage-below samples on the fake side, which is what makes the chain model the joint
 * distribution.
 *
 * <p>The generators are built in {@link BuildMode#inference()} (BN statistics and spectral-norm
 * vectors read, never written) under {@value #SCOPE}{@code /<stage>/generator/...}, with variables
 * no optimizer lists, restored from the stages' checkpoints ({@link #checkpointNames}); their
 * output is behind a stop-gradient. Per video and run the first stage makes a whole clip from its
 * own noise and its own draw of the class ({@link #sample}); each level above cuts a window at a
 * uniformly random position (the low-res length its stage trains on) and upsamples it, and the
 * window handed to the stage being trained is cut the same way, at the scale of its real low-res
 * views (the stage-to-stage rule {@code below.frame_stride == frame_stride * time_factor}).
 * Classes, noise and positions are stateless draws from the run's seed, so a resumed run sees the
 * same samples, whether they are made in the step or ahead of it, in one run or with the first
 * stage's clip made chunk by chunk ({@link #chunkedSample}). An intermediate level upsamples one
 * window, its training unit, rather than sliding over the whole clip as inference does: every
 * window it hands up is a window of its output distribution.
 *
 * <p>SSW-GAN: Scalable Stage-wise Training of Video GANs (ICLR 2021 submission), §3.1-3.2.
 *
 * @see <a href="https://arxiv.org/abs/2106.02719">Castrejon et al., 2021, Hierarchical Video
 *     Generation for Complex Data</a>
 */
public final class StageBelow {
  /** Scope of the frozen generators' variables and ops. */
  public static final String SCOPE = "below";

  /**
   * One frozen stage.
   *
   * @param config its config
   * @param statFrames frames of stored per-frame BN statistics (a first stage's trained length
   *     unless re-estimated at export)
   */
  public record Level(StageConfig config, int statFrames) {}

  private final List<Level> levels;
  private final StageConfig stage;
  private final PlaceholderWithDefault<TInt32> frameOffset;
  private final LowResGenerator first;
  private final List<SuperResGenerator> upsamplers = new ArrayList<>();

  /**
   * @param root where the variables go (the parameter device)
   * @param levels the stages below, first stage first
   * @param stage the super-resolution stage trained on top of them
   * @throws IllegalArgumentException if the stages do not fit together
   */
  public StageBelow(Ops root, List<Level> levels, StageConfig stage) {
    check(levels.stream().map(Level::config).toList(), stage);
    this.levels = List.copyOf(levels);
    this.stage = stage;
    Ops below = root.withSubScope(SCOPE);
    this.frameOffset = below.withName("frame_offset").placeholderWithDefault(below.constant(0),
        Shape.scalar());
    LowResGenerator lres = null;
    for (Level l : levels) {
      StageConfig c = l.config();
      BuildMode mode = lres == null ? BuildMode.inference().withFrameOffset(frameOffset)
          : BuildMode.inference();
      LayerFactory f = new LayerFactory(below.withSubScope(c.getName()), mode, c.getSeed(),
          c.getSpectralNorm());
      if (lres == null) {
        lres = new LowResGenerator(f, c, l.statFrames());
      } else {
        upsamplers.add(new SuperResGenerator(f, c));
      }
    }
    this.first = lres;
  }

  /**
   * Checks that {@code below} (first stage first) is a chain {@code stage} can be trained on.
   *
   * @throws IllegalArgumentException naming the stage that does not fit
   */
  public static void check(List<StageConfig> below, StageConfig stage) {
    checkArgument(!below.isEmpty(), "no stage below %s", stage.getName());
    checkArgument(below.get(0).getKind() == StageConfig.Kind.LOW_RES,
        "the first stage below must be LOW_RES, got '%s' (%s)", below.get(0).getName(),
        below.get(0).getKind());
    List<String> names = new ArrayList<>();
    for (int k = 0; k < below.size(); k++) {
      StageConfig c = below.get(k);
      checkArgument(!names.contains(c.getName()), "two stages below are named '%s'", c.getName());
      names.add(c.getName());
      StageConfig above = k + 1 < below.size() ? below.get(k + 1) : stage;
      StageLink.check(c, above);
      int window = StageConfigs.lowResShape(above).getFrames();
      checkArgument(window <= c.getVideo().getFrames(), "'%s' upsamples windows of %s frames, "
          + "but '%s' below it makes videos of %s frames", above.getName(), window, c.getName(),
          c.getVideo().getFrames());
    }
  }

  /** The frozen stages, first stage first. */
  public List<Level> levels() {
    return levels;
  }

  /**
   * A tower's stage-below samples: the windows its fake pairs condition on and the classes they
   * were generated for.
   *
   * @param windows {@code [b, T', H', W', 3]} in [-1, 1], the shape of the stage's low-res views
   * @param labels {@code [b]} class ids, or null for unconditional stages
   */
  public record Sample(Operand<TFloat32> windows, Operand<TInt32> labels) {}

  /**
   * A tower's stage-below samples, their classes drawn too: {@code (y, x_l)} with {@code y}
   * uniform over the classes and {@code x_l ~ p_g1(. | y)}, the fake side of SSW-GAN eq. 3 /
   * eq. 6, whose pair the stage then completes with {@code G_2(z_2, x_l, y)}. The classes are a
   * stateless draw from {@code d}'s seed like the noise, not the real batch's labels, so a
   * producer that makes the samples ahead of the step, before that step's real batch is read,
   * makes the same ones (the papers do not state the class prior; uniform is DVD-GAN's and
   * BigGAN's sampling).
   */
  public Sample sample(Ops tf, TowerDraws d) {
    Ops t = tf.withSubScope(SCOPE);
    Operand<TInt32> labels = labels(t, d);
    return new Sample(generate(t, d, labels), labels);
  }

  /**
   * Stage-below windows of classes {@code labels} (null for unconditional stages), generated on
   * {@code tf}'s device from {@code d}'s draws.
   *
   * @return {@code [b, T', H', W', 3]} in [-1, 1], the shape of the stage's low-res views
   */
  public Operand<TFloat32> windows(Ops tf, TowerDraws d, Operand<TInt32> labels) {
    return generate(tf.withSubScope(SCOPE), d, labels);
  }

  /**
   * {@link #sample} split in two so that the first stage's clip can be made chunk by chunk in
   * memory that does not grow with its length: the first stage is causal (its units mix frames
   * only through their ConvGRUs), so a clip made as consecutive chunks, each continuing from the
   * ConvGRU states the previous one ended with and reading the BN statistics of its frames'
   * positions ({@link #frameOffset}), equals the whole clip; the windows are then cut from the
   * assembled clip with the same draws as in {@link #sample}.
   *
   * @param chunk {@code [b, chunkFrames(), H, W, 3]}: the clip's frames from {@link
   *     #frameOffset} on
   * @param states one ConvGRU state per unit to continue from (zeros unless fed)
   * @param nextStates the states after {@code chunk}, matching {@code states}
   * @param clip {@code [b, clipFrames(), H, W, 3]}, the whole clip, fed
   * @param sample the windows cut from {@code clip} and upsampled, and their classes
   */
  public record ChunkedSample(Operand<TFloat32> chunk,
      List<PlaceholderWithDefault<TFloat32>> states, List<Operand<TFloat32>> nextStates,
      Placeholder<TFloat32> clip, Sample sample) {}

  /** {@link #sample} for a clip made chunk by chunk ({@link ChunkedSample}). */
  public ChunkedSample chunkedSample(Ops tf, TowerDraws d) {
    Ops t = tf.withSubScope(SCOPE);
    Operand<TInt32> labels = labels(t, d);
    Operand<TFloat32> z = latent(t, d);
    List<PlaceholderWithDefault<TFloat32>> states = first.statePlaceholders(t, z);
    LowResGenerator.Chunk chunk = first.apply(t, z, labels, chunkFrames(),
        new ArrayList<>(states));
    VideoShape v = levels.get(0).config().getVideo();
    Placeholder<TFloat32> clip = t.withName("clip").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(d.batch(), clipFrames(), v.getHeight(), v.getWidth(), 3)));
    return new ChunkedSample(chunk.video(), states, chunk.states(), clip,
        new Sample(fromClip(t, d, clip, labels), labels));
  }

  /**
   * Index of the first stage's first frame in the clip (scalar, 0 unless fed), which picks the
   * rows of per-frame BN statistics a chunk reads.
   */
  public PlaceholderWithDefault<TInt32> frameOffset() {
    return frameOffset;
  }

  /** Frames of the clip the first stage makes per video, the windows' source. */
  public int clipFrames() {
    return levels.get(0).config().getVideo().getFrames();
  }

  /**
   * Frames per chunk of a clip made chunk by chunk: the window the level above the first stage
   * cuts, its training unit, so a chunk's activations are those of one window whatever the
   * clip's length (HVG App. B.5: an upscaling level's memory does not depend on the video's).
   */
  public int chunkFrames() {
    StageConfig above = levels.size() > 1 ? levels.get(1).config() : stage;
    return StageConfigs.lowResShape(above).getFrames();
  }

  /** {@code y} uniform over the classes, or null for unconditional stages. */
  private Operand<TInt32> labels(Ops t, TowerDraws d) {
    int classes = stage.getNumClasses();
    return classes > 0 ? t.withName("labels").identity(BatchRandom.index(t, d,
        BatchRandom.Salt.BELOW_LABELS, 0, classes)) : null;
  }

  private Operand<TFloat32> latent(Ops t, TowerDraws d) {
    return BatchRandom.normal(t, d, BatchRandom.Salt.BELOW_LATENT, 0,
        levels.get(0).config().getLatentDim());
  }

  private Operand<TFloat32> generate(Ops t, TowerDraws d, Operand<TInt32> labels) {
    return fromClip(t, d, first.apply(t, latent(t, d), labels, clipFrames()), labels);
  }

  /** The windows handed to the stage from the first stage's {@code clip}. */
  private Operand<TFloat32> fromClip(Ops t, TowerDraws d, Operand<TFloat32> clip,
      Operand<TInt32> labels) {
    Operand<TFloat32> video = clip;
    for (int k = 0; k < upsamplers.size(); k++) {
      StageConfig above = levels.get(k + 1).config();
      Operand<TFloat32> window = window(t, d, video, above, k);
      video = upsamplers.get(k).apply(t, window, BatchRandom.normal(t, d,
          BatchRandom.Salt.BELOW_LATENT, k + 1, above.getLatentDim()), labels);
    }
    return t.stopGradient(window(t, d, video, stage, upsamplers.size()));
  }

  /** A window of {@code above}'s low-res length at a random position per video. */
  private static Operand<TFloat32> window(Ops tf, TowerDraws in, Operand<TFloat32> video,
      StageConfig above, int level) {
    int frames = StageConfigs.lowResShape(above).getFrames();
    int positions = (int) video.shape().get(1) - frames + 1;
    Operand<TInt32> start = BatchRandom.index(tf, in, BatchRandom.Salt.BELOW_WINDOW, level,
        positions);
    Operand<TInt32> indices = tf.math.add(tf.expandDims(start, tf.constant(1)),
        tf.range(tf.constant(0), tf.constant(frames), tf.constant(1)));
    return tf.gather(video, indices, tf.constant(1), Gather.batchDims(1L));
  }

  /**
   * Checkpoint tensor name of every variable of frozen level {@code level} in {@code graph}: the
   * training names without {@value #SCOPE}, the EMA shadow of each trained weight when {@code
   * ema} (DVD-GAN samples with them), the spectral-norm vectors and BN statistics as they are.
   */
  public static Map<String, Output<TFloat32>> checkpointNames(Graph graph, StageConfig level,
      boolean ema) {
    Map<String, Output<TFloat32>> names = new LinkedHashMap<>();
    String prefix = SCOPE + "/" + level.getName() + "/" + Generator.SCOPE;
    for (Output<TFloat32> v : Variables.under(graph, prefix, false)) {
      String name = v.op().name().substring(SCOPE.length() + 1);
      names.put(ema && Variables.isTrainable(name)
          ? GeneratorEma.shadowName(level.getName(), name) : name, v);
    }
    return names;
  }
}
