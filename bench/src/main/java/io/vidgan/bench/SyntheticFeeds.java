package io.vidgan.bench;

import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.graphs.config.VideoShape;
import io.vidgan.replicas.ReplicaFeed;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Random inputs of a training graph's shapes (videos uniform in [-1, 1], labels uniform over the
 * classes), made once and fed to every timed step, so step times leave the input pipeline out.
 */
final class SyntheticFeeds {
  private SyntheticFeeds() {}

  static ReplicaFeed.All of(StageConfig c, int replicas, int batchPerReplica, long seed) {
    Random random = new Random(seed);
    List<ReplicaFeed> feeds = new ArrayList<>();
    for (int r = 0; r < replicas; r++) {
      VideoShape v = c.getVideo();
      TFloat32 real = video(random, batchPerReplica, v);
      TInt32 labels = null;
      if (c.getNumClasses() > 0) {
        int[] l = new int[batchPerReplica];
        for (int i = 0; i < l.length; i++) {
          l[i] = random.nextInt(c.getNumClasses());
        }
        labels = TInt32.vectorOf(l);
      }
      TFloat32 lowRes = c.getKind() == StageConfig.Kind.SUPER_RES
          ? video(random, batchPerReplica, StageConfigs.lowResShape(c)) : null;
      feeds.add(new ReplicaFeed(real, labels, lowRes));
    }
    return new ReplicaFeed.All(feeds);
  }

  private static TFloat32 video(Random random, int batch, VideoShape v) {
    Shape shape = Shape.of(batch, v.getFrames(), v.getHeight(), v.getWidth(), 3);
    float[] values = new float[(int) shape.size()];
    for (int i = 0; i < values.length; i++) {
      values[i] = 2 * random.nextFloat() - 1;
    }
    return TFloat32.tensorOf(shape, DataBuffers.of(values));
  }
}
