package io.vidgan.replicas;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.graphs.Stage;
import io.vidgan.graphs.StageBelow;
import io.vidgan.graphs.StageTraining;
import io.vidgan.graphs.Stages;
import io.vidgan.graphs.Tower;
import io.vidgan.graphs.TowerDraws;
import io.vidgan.graphs.TowerInputs;
import io.vidgan.graphs.TrainOps;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.BuildMode;
import io.vidgan.ops.MomentsReducer;
import io.vidgan.ops.Precision;
import io.vidgan.ops.Scopes;
import io.vidgan.ops.optim.DynamicLossScale;
import io.vidgan.replicas.devices.CrossReplicaMoments;
import io.vidgan.replicas.devices.DevicePlacement;
import io.vidgan.replicas.devices.Devices;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

/**
 * A stage's training graph with one tower per device (in-graph replication), built once, its
 * devices placed by {@link DevicePlacement}, then addressed by name.
 *
 * <p>Variables, the spectral normalisation of every kernel, the Adam updates and the loss averages
 * live on the parameter device; tower {@code k}'s forward and backward passes run on its device
 * under {@code tower_k/}, on the batches of its replicas ({@link Devices#towers()}), each replica
 * fed by its own placeholders under {@code replica_i/} or, for the replicas of a cluster's worker
 * tasks, by the queue its task fills ({@link InputQueues}). Batch-norm moments are averaged across
 * towers ({@link CrossReplicaMoments}); each shared weight's gradient is the sum of the towers'
 * contributions to the mean loss, so one step equals a step on the global batch.
 */
public final class TrainingGraph implements AutoCloseable {
  public static final String SEED = "seed";
  private static final String ASSIGNMENT = "assignment";
  private static final String ASSIGN = "assign";

  private final Graph graph;
  private final StageConfig config;
  private final int replicas;
  private final StepOps step;
  private final String session;
  private final Map<Integer, List<Integer>> tasks;
  private final StageBelowQueues.Queued belowQueues;

  private TrainingGraph(Graph graph, StageConfig config, int replicas, StepOps step,
      String session, Map<Integer, List<Integer>> tasks, StageBelowQueues.Queued belowQueues) {
    this.graph = graph;
    this.config = config;
    this.replicas = replicas;
    this.step = step;
    this.session = session;
    this.tasks = tasks;
    this.belowQueues = belowQueues;
  }

  /**
   * @param batchPerReplica examples each replica sees per run (a micro-batch when accumulating)
   * @param accumulation runs (micro-batches) per update
   */
  public static TrainingGraph build(StageConfig config, Devices devices, int batchPerReplica,
      int accumulation) {
    return build(config, devices, batchPerReplica, accumulation, null, Precision.FP32);
  }

  /**
   * @param below the frozen stages below a super-resolution stage, first stage first, whose
   *     samples its fake pairs condition on ({@link StageBelow}, its variables on the parameter
   *     device, generated on each tower's device ahead of the step or in it, see {@link
   *     StageBelowQueues}); null conditions them on the real low-res views
   * @param precision what the stage's convolutions and matrix products compute in; fp16 scales
   *     the losses ({@link DynamicLossScale.Settings#DEFAULT})
   */
  public static TrainingGraph build(StageConfig config, Devices devices, int batchPerReplica,
      int accumulation, List<StageBelow.Level> below, Precision precision) {
    return build(config, devices, batchPerReplica, accumulation, below, precision,
        precision.needsLossScaling() ? Optional.of(DynamicLossScale.Settings.DEFAULT)
            : Optional.empty());
  }

  /**
   * @param lossScale dynamic loss scaling of G's and D's updates, or empty (whatever the
   *     precision: the scaling itself is precision-independent)
   */
  public static TrainingGraph build(StageConfig config, Devices devices, int batchPerReplica,
      int accumulation, List<StageBelow.Level> below, Precision precision,
      Optional<DynamicLossScale.Settings> lossScale) {
    int n = devices.count();
    List<List<Integer>> groups = devices.towers();
    checkArgument(groups.stream().mapToInt(List::size).distinct().count() == 1,
        "towers of unequal size %s: each tower's noise rows assume equal tower batches", groups);
    try (Graph build = new Graph()) {
      Ops root = Scopes.root(build);
      Ops params = root.withDevice(devices.parameters());
      MomentsReducer reducer = groups.size() > 1 ? new CrossReplicaMoments(groups.size())
          : MomentsReducer.LOCAL;
      Stage stage = Stages.create(params, config, BuildMode.train().withMomentsReducer(reducer),
          precision);
      Placeholder<TInt64> seed = params.withName(SEED).placeholder(TInt64.class,
          Placeholder.shape(Shape.of(2)));
      InputQueues queues = new InputQueues(config, batchPerReplica);
      String session = UUID.randomUUID().toString();
      int towerBatch = batchPerReplica * groups.get(0).size();
      StageBelowQueues belowQueues = below == null ? null : new StageBelowQueues(root,
          new StageBelow(params, below, config), config, towerBatch, session);
      Map<Integer, List<Integer>> tasks = new TreeMap<>();
      List<Tower> towers = new ArrayList<>();
      for (int k = 0; k < groups.size(); k++) {
        List<Inputs> parts = new ArrayList<>();
        for (int i : groups.get(k)) {
          Ops tf = root.withSubScope(replicaScope(i)).withDevice(devices.replica(i));
          int task = devices.task(i);
          tasks.computeIfAbsent(task, t -> new ArrayList<>()).add(i);
          parts.add(task == 0 ? fed(tf, queues)
              : dequeued(tf.withDevice(devices.taskCpu(i)), queues, session, i));
          if (task != 0 && tasks.get(task).size() == 1) {
            Ops assign = root.withSubScope(taskScope(task)).withDevice(devices.taskCpu(i));
            assign.withName(ASSIGN).io.queueEnqueue(InputQueues.assignments(assign),
                List.of(assign.withName(ASSIGNMENT).placeholder(TString.class,
                    Placeholder.shape(Shape.scalar()))));
          }
        }
        int first = groups.get(k).get(0);
        Ops tf = root.withSubScope(CrossReplicaMoments.towerScope(k))
            .withDevice(devices.replica(first));
        TowerDraws draws = new TowerDraws(seed, k, groups.size(), towerBatch);
        towers.add(stage.tower(tf, Inputs.concat(tf, parts).tower(draws,
            belowQueues == null ? null : belowQueues.tower(tf, draws, devices.task(first) == 0,
                devices.replica(first), devices.taskCpu(first)))));
      }
      StageBelowQueues.Queued queued = belowQueues == null ? StageBelowQueues.NONE
          : belowQueues.finish();
      TrainOps ops = StageTraining.build(build, params, stage, towers, accumulation, lossScale);
      GraphDef placed = DevicePlacement.place(build.toGraphDef(),
          List.of("gradients_" + StageTraining.D_ADAM, "gradients_" + StageTraining.G_ADAM),
          devices.parameters().toString());
      Graph graph = new Graph();
      graph.importGraphDef(placed);
      PlacedGraph p = new PlacedGraph(graph);
      return new TrainingGraph(graph, config, n, StepOps.find(p, ops), session, tasks,
          queued.in(p));
    }
  }

  /** Inputs fed by this process: a placeholder per component but the position. */
  private static Inputs fed(Ops tf, InputQueues queues) {
    Map<String, Operand<?>> m = new HashMap<>();
    for (InputQueues.Component c : queues.components()) {
      if (!c.name().equals(InputQueues.POSITION)) {
        m.put(c.name(), tf.withName(c.name()).placeholder(c.type(),
            Placeholder.shape(c.shape())));
      }
    }
    return Inputs.of(m);
  }

  /**
   * Inputs a worker task reads and queues ({@link InputQueues}), dequeued on its CPU 0 by every
   * run; {@code position} (fetched by the chief) is the replica's stream position after them.
   */
  private static Inputs dequeued(Ops tf, InputQueues queues, String session, int replica) {
    List<Output<?>> out = tf.withName("input").io.queueDequeue(
        queues.replica(tf, session, replica), queues.types()).components();
    Map<String, Operand<?>> m = new HashMap<>();
    for (int k = 0; k < out.size(); k++) {
      InputQueues.Component c = queues.components().get(k);
      Ops named = tf.withName(c.name());
      m.put(c.name(), c.name().equals(InputQueues.POSITION) ? named.identity(out.get(k))
          : named.ensureShape(out.get(k), c.shape()));
    }
    return Inputs.of(m);
  }

  /** One replica's input tensors, or a tower's (its replicas' concatenated in replica order). */
  private record Inputs(Operand<TFloat32> real, Operand<TInt32> labels,
      Operand<TFloat32> lowRes) {
    /** From components by name ({@link InputQueues}); absent ones are null. */
    @SuppressWarnings("unchecked")
    static Inputs of(Map<String, Operand<?>> m) {
      return new Inputs((Operand<TFloat32>) m.get(InputQueues.REAL),
          (Operand<TInt32>) m.get(InputQueues.LABELS),
          (Operand<TFloat32>) m.get(InputQueues.LOW_RES));
    }

    static Inputs concat(Ops tf, List<Inputs> parts) {
      if (parts.size() == 1) {
        return parts.get(0);
      }
      return new Inputs(join(tf, parts.stream().map(Inputs::real).toList()),
          parts.get(0).labels() == null ? null
              : join(tf, parts.stream().map(Inputs::labels).toList()),
          parts.get(0).lowRes() == null ? null
              : join(tf, parts.stream().map(Inputs::lowRes).toList()));
    }

    private static <T extends TType> Operand<T> join(Ops tf, List<Operand<T>> parts) {
      return tf.concat(parts, tf.constant(0));
    }

    TowerInputs tower(TowerDraws d, StageBelow.Sample below) {
      return new TowerInputs(real, labels, lowRes, d.seed(), d.tower(), d.towers(), below);
    }
  }

  static String replicaScope(int i) {
    return "replica_" + i;
  }

  private static String taskScope(int task) {
    return "task_" + task;
  }

  /** The placeholder of a serialized {@code TaskInput} for worker task {@code task}. */
  static String assignment(int task) {
    return taskScope(task) + "/" + ASSIGNMENT;
  }

  /** The op that queues {@link #assignment} on task {@code task}'s assignment queue. */
  static String assign(int task) {
    return taskScope(task) + "/" + ASSIGN;
  }

  /**
   * The replicas fed by this process (the chief's, or all of them without a cluster), in
   * replica order.
   */
  public List<Integer> localReplicas() {
    return tasks.getOrDefault(0, List.of());
  }

  /** The worker tasks of a cluster run and their replicas; empty without a cluster. */
  Map<Integer, List<Integer>> workerTasks() {
    Map<Integer, List<Integer>> workers = new TreeMap<>(tasks);
    workers.remove(0);
    return workers;
  }

  /** The towers whose stage-below samples are made ahead of the step ({@link StageBelowQueues}). */
  StageBelowQueues.Queued belowQueues() {
    return belowQueues;
  }

  /** The id in this graph's input queue names ({@link InputQueues}). */
  String session() {
    return session;
  }

  /** Name of replica {@code i}'s placeholder {@code leaf} ({@code real}, {@code labels}, ...). */
  public static String input(int i, String leaf) {
    return replicaScope(i) + "/" + leaf;
  }

  public Graph graph() {
    return graph;
  }

  public StageConfig config() {
    return config;
  }

  public int replicas() {
    return replicas;
  }

  /** The step's runs and outputs in this graph. */
  public StepOps step() {
    return step;
  }

  @Override
  public void close() {
    graph.close();
  }
}
