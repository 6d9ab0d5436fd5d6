package io.vidgan.replicas;

import io.vidgan.data.Batch;
import io.vidgan.data.BatchStream;
import io.vidgan.data.ClipSpec;
import io.vidgan.data.DatasetException;
import io.vidgan.data.Downsampling;
import io.vidgan.data.ReplicaStream;
import io.vidgan.data.TrainingData;
import io.vidgan.data.VideoDataset;
import io.vidgan.data.WindowPairSpec;
import io.vidgan.graphs.config.DataConfig;
import io.vidgan.graphs.config.LowResView;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.VideoShape;
import java.util.ArrayList;
import java.util.List;

/**
 * What a stage trains on: clips for a first stage, (window, low-res view) pairs for a
 * super-resolution stage, one stream per replica, as the stage config says.
 */
public final class StageData {
  private StageData() {}

  /**
   * Opens the streams of replicas {@code which} of {@code run}'s, replica {@code which.get(k)}
   * resuming at {@code positions.get(k)} (at 0 when there are fewer positions).
   */
  static List<BatchStream> open(VideoDataset dataset, StageConfig c, ReplicaStream run,
      List<Integer> which, List<Long> positions) {
    List<BatchStream> streams = new ArrayList<>();
    try {
      for (int k = 0; k < which.size(); k++) {
        ReplicaStream s = run.of(which.get(k), k < positions.size() ? positions.get(k) : 0);
        streams.add(c.getKind() == StageConfig.Kind.SUPER_RES
            ? TrainingData.windowPairs(dataset, pairs(c), s)
            : TrainingData.clips(dataset, clips(c), s));
      }
      return streams;
    } catch (RuntimeException e) {
      streams.forEach(BatchStream::close);
      throw e;
    }
  }

  /**
   * A batch as a replica's inputs, its labels checked against the config.
   *
   * @param data the dataset spec, named in the error
   */
  static ReplicaFeed feed(Batch b, StageConfig c, String data) throws DatasetException {
    boolean conditional = c.getNumClasses() > 0;
    if (conditional) {
      for (int label : b.labels()) {
        if (label < 0 || label >= c.getNumClasses()) {
          throw new DatasetException(data, "label " + label + " outside [0, "
              + c.getNumClasses() + ") of the conditional config (num_classes "
              + c.getNumClasses() + "); use an unconditional config for unlabelled data");
        }
      }
    }
    return new ReplicaFeed(b.videoTensor(), conditional ? b.labelTensor() : null,
        b.hasLowRes() ? b.lowResTensor() : null);
  }

  static ClipSpec clips(StageConfig c) {
    return clips(c, c.getFrameStride());
  }

  /**
   * The stage's clips (its length, resolution and downsampling) with frames {@code frameStride}
   * apart in the data: the real clips the train-time FVD compares the stage's samples with.
   */
  public static ClipSpec clips(StageConfig c, int frameStride) {
    VideoShape v = c.getVideo();
    DataConfig d = c.getData();
    return ClipSpec.of(v.getFrames(), frameStride, v.getHeight(), v.getWidth())
        .withBase(d.hasBaseHeight() ? d.getBaseHeight() : v.getHeight(),
            d.hasBaseWidth() ? d.getBaseWidth() : v.getWidth(), downsampling(d.getDownsampling()));
  }

  static WindowPairSpec pairs(StageConfig c) {
    VideoShape v = c.getVideo();
    LowResView low = c.getLowRes();
    DataConfig d = c.getData();
    WindowPairSpec spec = WindowPairSpec.of(v.getFrames(), c.getFrameStride(), v.getHeight(),
        v.getWidth(), low.getSpaceFactor(), low.getTimeFactor(),
        downsampling(low.getDownsampling()));
    return d.hasBaseHeight() ? spec.withBase(d.getBaseHeight(), d.getBaseWidth()) : spec;
  }

  private static Downsampling downsampling(LowResView.Downsampling d) {
    return switch (d) {
      case AREA -> Downsampling.AREA;
      case NEAREST -> Downsampling.NEAREST;
      default -> throw new IllegalArgumentException("unsupported downsampling " + d);
    };
  }
}
