package io.vidgan.replicas;

import io.vidgan.data.Batch;
import io.vidgan.data.BatchStream;
import io.vidgan.data.ReplicaStream;
import io.vidgan.data.TrainingData;
import io.vidgan.data.VideoDataset;
import io.vidgan.graphs.StageBelow;
import io.vidgan.graphs.TowerDraws;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.Scopes;
import io.vidgan.replicas.samples.Sampler;
import java.io.IOException;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * The low-res windows a super-resolution stage's samples upsample: windows of videos the frozen
 * stage below generates as its fake pairs' are made ({@link StageBelow#windows}), for the
 * samples' classes rather than drawn ones, which shows the chain as it will be used; with {@code --condition=real}, the
 * low-res views of fixed real windows.
 */
final class SampleInputs {
  private SampleInputs() {}

  /**
   * {@code [count, T', H', W', 3]} windows for a super-resolution stage; null otherwise.
   *
   * @param below the run's stages below, or null
   * @param seed the windows' seed (the run's for samples)
   */
  static float[] lowRes(StageConfig c, StageBelowChain below, VideoDataset data, int count,
      long seed) throws IOException {
    if (c.getKind() != StageConfig.Kind.SUPER_RES) {
      return null;
    }
    return below != null ? fromStageBelow(c, below, count, seed)
        : fromData(c, data, count, seed);
  }

  private static float[] fromData(StageConfig c, VideoDataset data, int count, long seed)
      throws IOException {
    try (BatchStream stream = TrainingData.windowPairs(data, StageData.pairs(c),
        ReplicaStream.whole(count, seed ^ 0x5a3c1e))) {
      Batch b = stream.next();
      return b.lowRes();
    }
  }

  private static float[] fromStageBelow(StageConfig c, StageBelowChain below, int count,
      long seed) throws IOException {
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Scopes.root(g);
      TowerDraws draws = new TowerDraws(tf.constant(new long[] {seed ^ 0x10e5, 0}), 0, 1, count);
      Operand<TFloat32> windows = new StageBelow(tf, below.levels(), c).windows(tf, draws,
          c.getNumClasses() > 0 ? tf.constant(Sampler.labels(count, c.getNumClasses())) : null);
      below.restore(g, tf, session);
      try (Result r = session.runner().fetch(windows).run()) {
        TFloat32 out = (TFloat32) r.get(0);
        float[] values = new float[(int) out.shape().size()];
        out.copyTo(DataBuffers.of(values, false, false));
        return values;
      }
    }
  }
}
