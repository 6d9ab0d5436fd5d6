package io.vidgan.replicas;

import io.vidgan.graphs.StageBelow;
import io.vidgan.graphs.TowerDraws;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.graphs.config.VideoShape;
import io.vidgan.replicas.devices.CrossReplicaMoments;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.io.FifoQueue;
import org.tensorflow.op.io.QueueClose;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * Where a training graph's towers get their stage-below samples ({@link StageBelow}): made ahead
 * of the step for the towers of the chief's process, in the step for those of worker tasks.
 *
 * <p>Ahead of the step, each such tower has a {@code FIFOQueueV2} of {@value #CAPACITY} elements
 * on its task's CPU 0 (queue kernels have no GPU registration), filled by {@link
 * StageBelowProducer} in the training session concurrently with the steps: runs making the first
 * stage's clips chunk by chunk, then one run of {@code below_producer/enqueue}, generate every
 * queued tower's samples on the tower's own device ({@link StageBelowClips}) and queue them; each
 * run of the step dequeues one element per tower. An element is the samples of one training run
 * (windows, classes) and the index of the run whose draws made them, {@code (seed, run)} fed as
 * {@code below_producer/seed}: the same stateless draws the step would make itself, so the queued
 * samples of run {@code k} are those an in-step generation makes for run {@code k}, and the step
 * checks the index ({@link StepRunner}). Memory: {@value #CAPACITY} queued elements plus the one
 * being produced, i.e. {@value #CAPACITY} + 1 stage-below passes' windows per tower, and while a
 * pass runs, per tower, its clip and the activations of one chunk of the first stage or of the
 * upsampling of one window ({@link StageBelowClips}): none grows with the first stage's clip
 * length but the clip itself, a few frames at the first stage's resolution.
 *
 * <p>A worker task's towers generate their samples in the step, on their device from the chief's
 * variables: a producer there would run ops on that task from its own thread, and a run or a
 * queue close touching a task that died blocks without a deadline (ENGINEERING.md, clusters),
 * while the run must stop promptly when a task fails. Both ways make the same samples per run, so
 * cluster and one-process runs stay interchangeable on resume.
 */
final class StageBelowQueues {
  /** Runs' samples queued ahead per tower. */
  static final long CAPACITY = 2;
  private static final String SCOPE = "below_producer";
  /** What a graph without a stage below, or without a queued tower, has: no queue. */
  static final Queued NONE = new Queued(List.of(), Optional.empty());
  private static final String DEQUEUED = "below_queue";
  private static final String RUN = "run";

  private final StageBelow below;
  private final Ops producer;
  private final Placeholder<TInt64> seed;
  private final String session;
  private final List<Class<? extends TType>> types = new ArrayList<>();
  private final List<Shape> shapes = new ArrayList<>();
  private final List<Op> enqueues = new ArrayList<>();
  private final List<Op> closes = new ArrayList<>();
  private final List<Operand<TInt64>> runs = new ArrayList<>();
  private final List<StageBelow.ChunkedSample> clips = new ArrayList<>();

  /**
   * The queued towers of a training graph.
   *
   * @param runs the towers' dequeued run indices, in tower order
   * @param producer what the producer runs to fill the queues; empty when no tower is queued
   */
  record Queued(List<Operand<TInt64>> runs, Optional<StageBelowClips> producer) {
    /** The same towers on the placed graph {@code p}, the one the training session runs. */
    Queued in(PlacedGraph p) {
      return new Queued(runs.stream().map(p::output).toList(), producer.map(c -> c.in(p)));
    }
  }

  /**
   * @param root the graph's root scope
   * @param session the id in the queues' shared names, so a restarted chief never reads the
   *     queues of its predecessor on a cluster server
   */
  StageBelowQueues(Ops root, StageBelow below, StageConfig stage, int batch, String session) {
    this.below = below;
    this.producer = root.withSubScope(SCOPE);
    this.seed = producer.withName("seed").placeholder(TInt64.class,
        Placeholder.shape(Shape.of(2)));
    this.session = session;
    VideoShape l = StageConfigs.lowResShape(stage);
    types.add(TFloat32.class);
    shapes.add(Shape.of(batch, l.getFrames(), l.getHeight(), l.getWidth(), 3));
    if (stage.getNumClasses() > 0) {
      types.add(TInt32.class);
      shapes.add(Shape.of(batch));
    }
    types.add(TInt64.class);
    shapes.add(Shape.scalar());
  }

  /**
   * Tower {@code draws.tower()}'s samples: generated in the step on {@code tf}'s device unless
   * {@code ahead}, else dequeued on {@code host} from a queue the producer fills, generating on
   * {@code device}.
   */
  StageBelow.Sample tower(Ops tf, TowerDraws draws, boolean ahead, DeviceSpec device,
      DeviceSpec host) {
    if (!ahead) {
      return below.sample(tf, draws);
    }
    int k = draws.tower();
    Ops made = producer.withSubScope(CrossReplicaMoments.towerScope(k));
    StageBelow.ChunkedSample c = below.chunkedSample(made.withDevice(device), new TowerDraws(
        seed, k, draws.towers(), draws.batch()));
    clips.add(c);
    StageBelow.Sample s = c.sample();
    Ops q = made.withDevice(host);
    Operand<? extends TType> queue = q.withName("queue").io.fifoQueue(types,
        FifoQueue.shapes(shapes), FifoQueue.capacity(CAPACITY),
        FifoQueue.sharedName("vidgan_below_" + session + "_" + k));
    List<Operand<?>> element = new ArrayList<>();
    element.add(s.windows());
    if (s.labels() != null) {
      element.add(s.labels());
    }
    element.add(q.gather(seed, q.constant(1), q.constant(0)));
    enqueues.add(q.withName("enqueue").io.queueEnqueue(queue, element));
    closes.add(q.withName("close").io.queueClose(queue, QueueClose.cancelPendingEnqueues(true)));
    Ops d = tf.withSubScope(DEQUEUED).withDevice(host);
    List<Output<?>> out = d.withName("dequeue").io.queueDequeue(queue, types).components();
    Operand<TInt64> run = d.withName(RUN).ensureShape(cast(out.get(out.size() - 1)),
        Shape.scalar());
    runs.add(run);
    Operand<TInt32> labels = s.labels() == null ? null
        : d.withName("labels").ensureShape(cast(out.get(1)), shapes.get(1));
    return new StageBelow.Sample(d.withName("windows").ensureShape(cast(out.get(0)),
        shapes.get(0)), labels);
  }

  @SuppressWarnings("unchecked")
  private static <T extends TType> Operand<T> cast(Output<?> o) {
    return (Operand<T>) o;
  }

  /**
   * Adds {@code below_producer/enqueue}, which queues every queued tower's samples, and {@code
   * below_producer/close}, which closes every queue, cancelling pending enqueues.
   */
  Queued finish() {
    if (enqueues.isEmpty()) {
      return NONE;
    }
    Op enqueue = producer.withControlDependencies(enqueues).withName("enqueue").noOp();
    Op close = producer.withControlDependencies(closes).withName("close").noOp();
    return new Queued(List.copyOf(runs), Optional.of(new StageBelowClips(seed, below, enqueue,
        close, clips)));
  }
}
