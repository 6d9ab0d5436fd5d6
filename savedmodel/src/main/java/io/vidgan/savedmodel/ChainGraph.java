package io.vidgan.savedmodel;

import io.vidgan.graphs.InferenceGenerator;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.graphs.config.VideoShape;
import io.vidgan.ops.BuildMode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.family.TType;

/**
 * The graph of an exported model: every stage's generator in inference mode (spectral-norm
 * vectors and BN statistics read, never written), one set of variables per stage with the
 * training names, and the {@link SignatureNames signatures} over them.
 *
 * <p>The first stage is built for chunked generation at its trained length; the chunk inputs
 * default to the start of a video, so {@value SignatureNames#GENERATE_LRES} is the same output
 * with fewer inputs. The chain ({@value SignatureNames#GENERATE}) cuts each stage's video into
 * the windows of a {@link WindowPlan}, upsamples all windows of all videos as one batch with the
 * video's noise repeated, and gathers the kept frames.
 */
final class ChainGraph {
  private final List<InferenceGenerator> generators = new ArrayList<>();
  private final List<Signature> signatures = new ArrayList<>();

  /** @param tf the graph's root ({@link io.vidgan.ops.Scopes#root}) */
  ChainGraph(Graph graph, Ops tf, ModelManifest manifest) {
    StageChain chain = manifest.chain();
    StageConfig first = chain.first();
    InferenceGenerator lres = new InferenceGenerator(graph, tf, first, BuildMode.inference(),
        new InferenceGenerator.Options(first.getVideo().getFrames(), manifest.statFrames(),
            true));
    generators.add(lres);
    signatures.add(inputs(SignatureNames.GENERATE_LRES, lres)
        .output(SignatureNames.VIDEO, lres.video()).build());
    Signature.Builder chunk = inputs(SignatureNames.GENERATE_LRES_CHUNK, lres)
        .input(SignatureNames.FRAME_OFFSET, lres.frameOffset())
        .output(SignatureNames.VIDEO, lres.video());
    for (int i = 0; i < lres.states().size(); i++) {
      chunk.input(SignatureNames.state(i), lres.states().get(i))
          .output(SignatureNames.state(i), lres.nextStates().get(i));
    }
    signatures.add(chunk.build());
    for (StageConfig c : chain.superResolution()) {
      InferenceGenerator g = new InferenceGenerator(graph, tf, c, BuildMode.inference(),
          c.getVideo().getFrames());
      generators.add(g);
      signatures.add(inputs(SignatureNames.upsample(c.getName()), g)
          .input(SignatureNames.LOW_RES, g.lowRes())
          .output(SignatureNames.VIDEO, g.video()).build());
    }
    signatures.add(chain(tf.withSubScope(SignatureNames.GENERATE), manifest));
  }

  /** The stages' generators, first stage first. */
  List<InferenceGenerator> generators() {
    return generators;
  }

  List<Signature> signatures() {
    return signatures;
  }

  private static Signature.Builder inputs(String key, InferenceGenerator g) {
    Signature.Builder b = Signature.builder().key(key).methodName(SignatureNames.METHOD)
        .input(SignatureNames.Z, g.z());
    return g.labels() == null ? b : b.input(SignatureNames.LABELS, g.labels());
  }

  private Signature chain(Ops tf, ModelManifest manifest) {
    InferenceGenerator lres = generators.get(0);
    Signature.Builder b = inputs(SignatureNames.GENERATE, lres);
    Operand<TFloat32> video = lres.video();
    int length = lres.config().getVideo().getFrames();
    for (int k = 1; k < generators.size(); k++) {
      InferenceGenerator g = generators.get(k);
      StageConfig c = g.config();
      b.output(SignatureNames.video(generators.get(k - 1).config().getName()), video);
      WindowPlan plan = WindowPlan.of(length, StageChain.window(c),
          manifest.stages().get(k).windowStride());
      video = stitch(tf.withSubScope(c.getName()), g, plan, video, lres.labels());
      b.input(SignatureNames.latent(c.getName()), g.z());
      length *= StageChain.timeFactor(c);
    }
    return b.output(SignatureNames.VIDEO, video).build();
  }

  /** Stage {@code g} slid over {@code video [B, plan.length, h, w, 3]} with its own z input. */
  private static Operand<TFloat32> stitch(Ops tf, InferenceGenerator g, WindowPlan plan,
      Operand<TFloat32> video, Operand<TInt32> labels) {
    int n = plan.windows().size();
    VideoShape low = StageConfigs.lowResShape(g.config());
    VideoShape high = g.config().getVideo();
    Operand<TFloat32> windows = tf.reshape(
        tf.gather(video, tf.constant(plan.frameIndices()), tf.constant(1)),
        tf.constant(new long[] {-1, low.getFrames(), low.getHeight(), low.getWidth(), 3}));
    Operand<TFloat32> up = g.upsample(tf, windows, repeatRows(tf, g.z(), n),
        labels == null ? null : repeatRows(tf, labels, n));
    Operand<TFloat32> joined = tf.reshape(up, tf.constant(new long[] {-1,
        (long) n * high.getFrames(), high.getHeight(), high.getWidth(), 3}));
    int[] kept = plan.outputIndices(StageChain.timeFactor(g.config()));
    return tf.gather(joined, tf.constant(kept), tf.constant(1));
  }

  /** {@code [B, ...] -> [B * n, ...]}, each row repeated {@code n} times in a row. */
  private static <T extends TType> Operand<T> repeatRows(Ops tf, Operand<T> x, int n) {
    long[] dims = x.shape().asArray();
    int[] multiples = new int[dims.length + 1];
    Arrays.fill(multiples, 1);
    multiples[1] = n;
    long[] target = dims.clone();
    target[0] = -1;
    return tf.reshape(tf.tile(tf.expandDims(x, tf.constant(1)), tf.constant(multiples)),
        tf.constant(target));
  }
}
