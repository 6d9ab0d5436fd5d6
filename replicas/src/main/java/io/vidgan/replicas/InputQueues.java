package io.vidgan.replicas;

import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.graphs.config.VideoShape;
import io.vidgan.replicas.config.ChiefMessage;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.NdArrays;
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
 * predecessor. Each task also has one message queue (a fixed shared name), on which the chief
 * greets the task and sends it its {@code TaskInput} ({@code ChiefMessage}), and one reply queue,
 * on which the task answers a greeting ({@link ClusterMembership}).
 */
final class InputQueues {
  /** Batches queued ahead per replica, on top of the worker's own prefetching. */
  private static final long CAPACITY = 2;
  private static final String ASSIGNMENTS = "vidgan_task_input";
  private static final String REPLIES = "vidgan_task_replies";

  static final String REAL = "real";
  static final String LABELS = "labels";
  static final String LOW_RES = "low_res";
  /** The replica's stream position after the batch, which the chief fetches to checkpoint it. */
  static final String POSITION = "position";

  /** One component of a queued element, named as its placeholder on either side. */
  record Component(String name, Class<? extends TType> type, Shape shape) {}

  private final List<Component> components;

  /**
   * @param batch examples per replica and run
   */
  InputQueues(StageConfig config, int batch) {
    VideoShape v = config.getVideo();
    List<Component> c = new ArrayList<>(List.of(new Component(REAL, TFloat32.class,
        Shape.of(batch, v.getFrames(), v.getHeight(), v.getWidth(), 3))));
    if (config.getNumClasses() > 0) {
      c.add(new Component(LABELS, TInt32.class, Shape.of(batch)));
    }
    if (config.getKind() == StageConfig.Kind.SUPER_RES) {
      VideoShape l = StageConfigs.lowResShape(config);
      c.add(new Component(LOW_RES, TFloat32.class, Shape.of(batch, l.getFrames(), l.getHeight(),
          l.getWidth(), 3)));
    }
    c.add(new Component(POSITION, TInt64.class, Shape.scalar()));
    this.components = List.copyOf(c);
  }

  /**
   * The components of one queued element, in order: real videos, labels (conditional stages),
   * the low-res view (super-resolution stages), and the stream position after this batch.
   */
  List<Component> components() {
    return components;
  }

  /** The component types, in order. */
  List<Class<? extends TType>> types() {
    return components.stream().<Class<? extends TType>>map(Component::type).toList();
  }

  /** Replica {@code replica}'s queue for chief session {@code session}, on {@code tf}'s device. */
  Operand<? extends TType> replica(Ops tf, String session, int replica) {
    return tf.withName("input_queue").io.fifoQueue(types(),
        FifoQueue.shapes(components.stream().map(Component::shape).toList()),
        FifoQueue.capacity(CAPACITY), FifoQueue.sharedName("vidgan_input_" + session + "_"
            + replica));
  }

  /** The message queue of the task {@code tf}'s device is on: serialized {@code ChiefMessage}s. */
  static Operand<? extends TType> assignments(Ops tf) {
    return tf.withName("assignment_queue").io.fifoQueue(List.of(TString.class),
        FifoQueue.shapes(Shape.scalar()), FifoQueue.capacity(8L),
        FifoQueue.sharedName(ASSIGNMENTS));
  }

  /**
   * The reply queue of the task {@code tf}'s device is on: the incarnation of the chief whose
   * greeting the task accepted, or 0 when it refused one.
   */
  static Operand<? extends TType> replies(Ops tf) {
    return tf.withName("reply_queue").io.fifoQueue(List.of(TInt64.class),
        FifoQueue.shapes(Shape.scalar()), FifoQueue.capacity(8L),
        FifoQueue.sharedName(REPLIES));
  }

  /** {@code message} as an element of a task's message queue. */
  static TString message(ChiefMessage message) {
    return TString.tensorOfBytes(NdArrays.scalarOfObject(message.toByteArray()));
  }
}
