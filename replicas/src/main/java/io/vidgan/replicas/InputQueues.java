package io.vidgan.replicas;

import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.graphs.config.VideoShape;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.io.FifoQueue;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * The queues through which a cluster's worker tasks hand their replicas' batches to the chief's
 * graph, so that each task reads its own shard of the data and no example passes through the
 * chief.
 *
 * <p>Both sides build the same {@code FIFOQueueV2} (same shared name, component types, shapes
 * and capacity) on the task's CPU 0; TF's resource manager of that device makes them one queue.
 * The worker ({@link TaskInputFeeder}) enqueues, the chief's towers dequeue. A replica's queue
 * name carries the chief's session id, so a restarted chief never reads batches queued for its
 * predecessor. Each task also has one assignment queue (a fixed shared name), on which the chief
 * sends the task its {@code TaskInput}.
 */
final class InputQueues {
  /** Batches queued ahead per replica, on top of the worker's own prefetching. */
  private static final long CAPACITY = 2;
  private static final String ASSIGNMENTS = "vidgan_task_input";

  private final StageConfig config;
  private final int batch;

  /**
   * @param batch examples per replica and run
   */
  InputQueues(StageConfig config, int batch) {
    this.config = config;
    this.batch = batch;
  }

  boolean labels() {
    return config.getNumClasses() > 0;
  }

  boolean lowRes() {
    return config.getKind() == StageConfig.Kind.SUPER_RES;
  }

  /**
   * The components of one queued element, in order: real videos, labels (conditional stages),
   * the low-res view (super-resolution stages), and the replica's stream position after this
   * batch (a scalar the chief fetches to checkpoint the worker's position).
   */
  List<Class<? extends TType>> types() {
    List<Class<? extends TType>> t = new ArrayList<>(List.of(TFloat32.class));
    if (labels()) {
      t.add(TInt32.class);
    }
    if (lowRes()) {
      t.add(TFloat32.class);
    }
    t.add(TInt64.class);
    return t;
  }

  /** The names of {@link #types()}' components: {@code real, labels, low_res, position}. */
  List<String> names() {
    List<String> n = new ArrayList<>(List.of("real"));
    if (labels()) {
      n.add("labels");
    }
    if (lowRes()) {
      n.add("low_res");
    }
    n.add(TrainingGraph.POSITION);
    return n;
  }

  /** The static shapes of {@link #types()}. */
  List<Shape> shapes() {
    VideoShape v = config.getVideo();
    List<Shape> s = new ArrayList<>(List.of(Shape.of(batch, v.getFrames(), v.getHeight(),
        v.getWidth(), 3)));
    if (labels()) {
      s.add(Shape.of(batch));
    }
    if (lowRes()) {
      VideoShape l = StageConfigs.lowResShape(config);
      s.add(Shape.of(batch, l.getFrames(), l.getHeight(), l.getWidth(), 3));
    }
    s.add(Shape.scalar());
    return s;
  }

  /** Replica {@code replica}'s queue for chief session {@code session}, on {@code tf}'s device. */
  Operand<? extends TType> replica(Ops tf, String session, int replica) {
    return tf.withName("input_queue").io.fifoQueue(types(), FifoQueue.shapes(shapes()),
        FifoQueue.capacity(CAPACITY), FifoQueue.sharedName("vidgan_input_" + session + "_"
            + replica));
  }

  /** The assignment queue of the task {@code tf}'s device is on: serialized {@code TaskInput}s. */
  static Operand<? extends TType> assignments(Ops tf) {
    return tf.withName("assignment_queue").io.fifoQueue(List.of(TString.class),
        FifoQueue.shapes(Shape.scalar()), FifoQueue.capacity(8L),
        FifoQueue.sharedName(ASSIGNMENTS));
  }
}
