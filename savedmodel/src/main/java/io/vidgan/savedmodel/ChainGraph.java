package io.vidgan.savedmodel;

import io.vidgan.graphs.InferenceGenerator;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.BuildMode;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Signature;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The graph of an exported model: every stage's generator in inference mode (spectral-norm
 * vectors and BN statistics read, never written), one set of variables per stage with the
 * training names, and the {@link SignatureNames signatures} over them.
 *
 * <p>The first stage is built for chunked generation at its trained length; the chunk inputs
 * default to the start of a video, so {@value SignatureNames#GENERATE_LRES} is the same output
 * with fewer inputs. Each super-resolution stage takes a low-res clip of any length and the
 * offset of its first output frame ({@link ChunkPlan}). The chain ({@value
 * SignatureNames#GENERATE}) applies each super-resolution stage to the whole video below it
 * (HVG §3.2, "Inference").
 */
final class ChainGraph {
  private final List<InferenceGenerator> generators = new ArrayList<>();
  private final List<Signature> signatures = new ArrayList<>();

  /**
   * @param tf the graph's root ({@link io.vidgan.ops.Scopes#root})
   * @param statFrames frames of stored BN statistics of every stage, first stage first
   */
  ChainGraph(Graph graph, Ops tf, StageChain chain, List<Integer> statFrames) {
    for (int k = 0; k < chain.stages().size(); k++) {
      StageConfig c = chain.stages().get(k);
      generators.add(new InferenceGenerator(graph, tf, c, BuildMode.inference(),
          new InferenceGenerator.Options(c.getVideo().getFrames(), statFrames.get(k), true)));
    }
    InferenceGenerator lres = generators.get(0);
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
    for (InferenceGenerator g : generators.subList(1, generators.size())) {
      signatures.add(inputs(SignatureNames.upsample(g.config().getName()), g)
          .input(SignatureNames.LOW_RES, g.lowRes())
          .input(SignatureNames.FRAME_OFFSET, g.frameOffset())
          .output(SignatureNames.VIDEO, g.video()).build());
    }
    signatures.add(chain(tf.withSubScope(SignatureNames.GENERATE)));
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

  /** Every stage applied to the whole video of the stage below, from its first frame. */
  private Signature chain(Ops tf) {
    InferenceGenerator lres = generators.get(0);
    Signature.Builder b = inputs(SignatureNames.GENERATE, lres);
    Operand<TFloat32> video = lres.video();
    for (int k = 1; k < generators.size(); k++) {
      InferenceGenerator g = generators.get(k);
      b.output(SignatureNames.video(generators.get(k - 1).config().getName()), video);
      video = g.upsample(tf.withSubScope(g.config().getName()), video, g.z(), lres.labels());
      b.input(SignatureNames.latent(g.config().getName()), g.z());
    }
    return b.output(SignatureNames.VIDEO, video).build();
  }
}
