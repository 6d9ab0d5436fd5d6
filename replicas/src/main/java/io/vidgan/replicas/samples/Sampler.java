package io.vidgan.replicas.samples;

import io.vidgan.graphs.InferenceGenerator;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.graphs.config.VideoShape;
import io.vidgan.ops.BuildMode;
import io.vidgan.ops.Scopes;
import io.vidgan.ops.io.CheckpointRestorer;
import java.io.IOException;
import java.util.Random;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * A stage's generator in inference mode in a graph of its own, restored from a training
 * checkpoint (raw or EMA weights) and run on given latents: how training samples are made.
 */
public final class Sampler implements AutoCloseable {
  private final StageConfig config;
  private final Graph graph = new Graph();
  private final InferenceGenerator generator;
  private final CheckpointRestorer raw;
  private final CheckpointRestorer ema;
  private final Session session;

  public Sampler(StageConfig c) {
    this.config = c;
    Ops tf = Scopes.root(graph);
    this.generator = new InferenceGenerator(graph, tf, c, BuildMode.inference(),
        c.getVideo().getFrames());
    this.raw = new CheckpointRestorer(tf.withSubScope("restore_raw"),
        generator.checkpointNames(false, true));
    this.ema = c.getOptimization().getEma().getEnabled()
        ? new CheckpointRestorer(tf.withSubScope("restore_ema"),
            generator.checkpointNames(true, true)) : null;
    this.session = new Session(graph);
  }

  /** {@code count} standard-normal latents from {@code seed}, {@code [count, latent]}. */
  public static float[] latents(int count, int dim, long seed) {
    Random random = new Random(seed);
    float[] z = new float[count * dim];
    for (int i = 0; i < z.length; i++) {
      z[i] = (float) random.nextGaussian();
    }
    return z;
  }

  /** Labels cycling through the classes (zeros when unconditional). */
  public static int[] labels(int count, int classes) {
    int[] labels = new int[count];
    for (int i = 0; i < count; i++) {
      labels[i] = classes > 0 ? i % classes : 0;
    }
    return labels;
  }

  /** Loads the generator's weights from the checkpoint at {@code prefix}. */
  public void restore(String prefix, boolean useEma) throws IOException {
    (useEma && ema != null ? ema : raw).restore(session, prefix);
  }

  /**
   * @param z {@code [count, latent]}
   * @param lowRes {@code [count, T', H', W', 3]} for super-resolution stages, else null
   * @return {@code [count, T, H, W, 3]} in [-1, 1]
   */
  public float[] generate(float[] z, int[] labels, float[] lowRes) {
    int count = labels.length;
    try (TFloat32 zt = TFloat32.tensorOf(Shape.of(count, config.getLatentDim()),
            DataBuffers.of(z, true, false));
        TInt32 yt = TInt32.vectorOf(labels);
        TFloat32 low = lowRes == null ? null : lowResTensor(lowRes, count)) {
      Session.Runner r = session.runner().feed(generator.z(), zt).fetch(generator.video());
      if (generator.labels() != null) {
        r.feed(generator.labels(), yt);
      }
      if (low != null) {
        r.feed(generator.lowRes(), low);
      }
      try (Result result = r.run()) {
        TFloat32 out = (TFloat32) result.get(0);
        float[] video = new float[(int) out.shape().size()];
        out.copyTo(DataBuffers.of(video, false, false));
        return video;
      }
    }
  }

  private TFloat32 lowResTensor(float[] lowRes, int count) {
    VideoShape l = StageConfigs.lowResShape(config);
    return TFloat32.tensorOf(Shape.of(count, l.getFrames(), l.getHeight(), l.getWidth(), 3),
        DataBuffers.of(lowRes, true, false));
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
