package io.vidgan.replicas;

import com.google.protobuf.InvalidProtocolBufferException;
import io.vidgan.data.BatchStream;
import io.vidgan.data.Datasets;
import io.vidgan.data.ReplicaStream;
import io.vidgan.data.VideoDataset;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.replicas.config.ChiefMessage;
import io.vidgan.replicas.config.TaskInput;
import io.vidgan.replicas.config.TrainerConfig;
import io.vidgan.replicas.devices.ClusterSession;
import io.vidgan.replicas.devices.ClusterSpec;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.io.QueueClose;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * {@code bin/worker}'s input: waits on its task's message queue for the chief's greeting and
 * {@code TaskInput}, then reads the task's replicas' batches from its own copy of the data and
 * queues them for the chief's graph ({@link InputQueues}), until the next assignment (a resumed
 * session of the same chief) replaces it. A data error is printed here and closes the task's
 * input queues, so the chief stops at once, naming this task, instead of waiting out its timeout.
 */
final class TaskInputFeeder {
  private static final long STOP_MILLIS = 30_000;
  private final String target;
  private final int task;
  private final Optional<String> data;
  private final ServedChief chief;
  private final PrintStream log;

  /**
   * @param target this task's server
   * @param data the dataset on this host, when its path differs from the chief's {@code --data}
   * @param chief the chief this worker serves
   */
  TaskInputFeeder(String target, int task, Optional<String> data, ServedChief chief,
      PrintStream log) {
    this.target = target;
    this.task = task;
    this.data = data;
    this.chief = chief;
    this.log = log;
  }

  /** How serving ended. */
  enum End {
    /** The chief said the run is finished. */
    RUN_FINISHED,
    /** Another chief process greeted this worker, whose server cannot serve it. */
    NEW_CHIEF
  }

  /**
   * Serves the chief's messages: answers greetings ({@link ServedChief} decides), feeds
   * assignments, until the run is finished or a new chief needs a fresh worker.
   */
  End serve() throws InvalidProtocolBufferException {
    try (Graph graph = new Graph()) {
      Ops tf = Ops.create(graph).withDevice(cpu());
      Output<?> next = tf.io.queueDequeue(InputQueues.assignments(tf),
          List.of(TString.class)).components().get(0);
      Placeholder<TInt64> answer = tf.withName("answer").placeholder(TInt64.class,
          Placeholder.shape(Shape.scalar()));
      Op reply = tf.withName("reply").io.queueEnqueue(InputQueues.replies(tf), List.of(answer));
      try (Session session = ClusterSession.open(graph, target, config())) {
        Feed current = null;
        while (true) {
          ChiefMessage message;
          try (Result r = session.runner().fetch(next).run()) {
            message = ChiefMessage.parseFrom(((TString) r.get(0)).asBytes().getObject());
          }
          switch (message.getKindCase()) {
            case GREETING -> {
              long incarnation = message.getGreeting().getIncarnation();
              boolean accepted = chief.accepts(incarnation);
              try (TInt64 a = TInt64.scalarOf(accepted ? incarnation : 0)) {
                session.runner().feed(answer, a).addTarget(reply).run();
              }
              if (!accepted) {
                return End.NEW_CHIEF;
              }
            }
            case ASSIGNMENT -> {
              chief.assigned();
              if (current != null) {
                current.stop();
              }
              current = feed(message.getAssignment());
            }
            case RUN_FINISHED -> {
              if (current != null) {
                current.stop();
              }
              return End.RUN_FINISHED;
            }
            default -> log.println("worker: task " + task + ": ignoring an unknown message");
          }
        }
      }
    }
  }

  /** Starts feeding {@code input}; null if it cannot be fed (printed). */
  private Feed feed(TaskInput input) {
    log.println("worker: task " + task + ": feeding replicas " + input.getReplicasList()
        + " from positions " + input.getPositionsList());
    try {
      return new Feed(input);
    } catch (RuntimeException | InvalidProtocolBufferException e) {
      log.println("worker: task " + task + ": cannot feed this assignment: " + e);
      return null;
    }
  }

  private DeviceSpec cpu() {
    return DeviceSpec.newBuilder().job(ClusterSpec.JOB).replica(0).task(task)
        .deviceType(DeviceSpec.DeviceType.CPU).deviceIndex(0).build();
  }

  /** Sessions of this task's own server see only its devices: no wait for the other tasks. */
  private ConfigProto config() {
    return ConfigProto.newBuilder().addDeviceFilters(ClusterSpec.task(task)).build();
  }

  /** The feeding of one assignment: its graph, session and thread. */
  private final class Feed implements Runnable {
    private final TaskInput input;
    private final StageConfig stage;
    private final InputQueues queues;
    private final Graph graph = new Graph();
    private final List<String> closes = new ArrayList<>();
    private final List<String> destroys = new ArrayList<>();
    private final Session session;
    private final Thread thread;
    private volatile boolean stopped;

    Feed(TaskInput input) throws InvalidProtocolBufferException {
      this.input = input;
      try {
        this.stage = StageConfig.parseFrom(input.getStageConfig());
        this.queues = new InputQueues(stage, input.getBatchPerReplica());
        Ops root = Ops.create(graph).withDevice(cpu());
        for (int i : input.getReplicasList()) {
          build(root.withSubScope(TrainingGraph.replicaScope(i)), i);
        }
        this.session = ClusterSession.open(graph, target, config());
      } catch (RuntimeException | InvalidProtocolBufferException e) {
        graph.close();
        throw e;
      }
      this.thread = new Thread(this, "vidgan-task-input");
      thread.setDaemon(true);
      thread.start();
    }

    /** Replica {@code i}'s queue, a placeholder per component, its enqueue and close ops. */
    private void build(Ops tf, int i) {
      Operand<? extends TType> queue = queues.replica(tf, input.getSession(), i);
      List<Operand<?>> components = new ArrayList<>();
      for (InputQueues.Component c : queues.components()) {
        components.add(tf.withName(c.name()).placeholder(c.type(), Placeholder.shape(c.shape())));
      }
      tf.withName("enqueue").io.queueEnqueue(queue, components);
      closes.add(tf.withName("close").io.queueClose(queue, QueueClose.cancelPendingEnqueues(true))
          .op().name());
      destroys.add(tf.withName("destroy").destroyResourceOp(queue).op().name());
    }

    @Override
    public void run() {
      TrainerConfig run = input.getRun();
      String spec = data.orElse(run.getData());
      try (VideoDataset dataset = Datasets.open(spec, run.getSkipBad())) {
        List<BatchStream> streams = StageData.open(dataset, stage,
            new ReplicaStream(input.getBatchPerReplica(), 0, run.getReplicas(), run.getSeed(), 0),
            input.getReplicasList(), input.getPositionsList());
        try {
          while (!stopped) {
            for (int k = 0; k < streams.size(); k++) {
              enqueue(input.getReplicas(k), streams.get(k), spec);
            }
          }
        } finally {
          streams.forEach(BatchStream::close);
        }
      } catch (Throwable e) {
        if (!stopped) {
          log.println("worker: task " + task + ": input failed, closing its queues: " + e);
          runQuietly(closes, "closing the input queues");
        }
      }
    }

    private void enqueue(int replica, BatchStream stream, String spec) throws Exception {
      try (ReplicaFeed f = StageData.feed(stream.next(), stage, spec);
          TInt64 position = TInt64.scalarOf(stream.position())) {
        Session.Runner r = session.runner()
            .feed(TrainingGraph.input(replica, InputQueues.POSITION), position)
            .addTarget(TrainingGraph.input(replica, "enqueue"));
        StepRunner.feedReplica(r, replica, f);
        r.run();
      }
    }

    /** Runs {@code targets} in one run; a failure is printed, not thrown. */
    private void runQuietly(List<String> targets, String what) {
      try {
        Session.Runner r = session.runner();
        targets.forEach(r::addTarget);
        r.run();
      } catch (RuntimeException e) {
        log.println("worker: task " + task + ": " + what + ": " + e);
      }
    }

    /**
     * Closes the queues (freeing a blocked enqueue), waits for the thread, then deletes the
     * queues: closed queues live on in the server's resource manager with the batches they hold.
     */
    void stop() {
      stopped = true;
      runQuietly(closes, "closing the previous input queues");
      thread.interrupt();
      try {
        thread.join(STOP_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      if (thread.isAlive()) {
        log.println("worker: task " + task + ": the previous input thread did not stop in "
            + STOP_MILLIS + " ms; abandoning it");
        return;
      }
      runQuietly(destroys, "deleting the previous input queues");
      session.close();
      graph.close();
    }
  }
}
