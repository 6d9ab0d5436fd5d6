package io.vidgan.replicas;

import io.vidgan.graphs.Stage;
import io.vidgan.graphs.StageTraining;
import io.vidgan.graphs.Stages;
import io.vidgan.graphs.Tower;
import io.vidgan.graphs.TowerInputs;
import io.vidgan.graphs.TrainOps;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.graphs.config.VideoShape;
import io.vidgan.ops.BuildMode;
import io.vidgan.ops.MomentsReducer;
import io.vidgan.ops.Scopes;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.proto.GraphDef;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * A stage's training graph with one tower per replica (in-graph replication), built once, its
 * devices placed by {@link DevicePlacement}, then addressed by name.
 *
 * <p>Variables, the spectral normalisation of every kernel, the Adam updates and the loss averages
 * live on the parameter device; replica {@code i}'s forward and backward passes run on its device
 * under {@code replica_i/}, fed by its own placeholders. Batch-norm moments are averaged across
 * replicas ({@link CrossReplicaMoments}); each shared weight's gradient is the sum of the replicas'
 * contributions to the mean loss, so one step equals a step on the global batch.
 */
public final class TrainingGraph implements AutoCloseable {
  public static final String SEED = "seed";

  private final Graph graph;
  private final StageConfig config;
  private final int replicas;
  private final Names names;

  /** The ops a trainer runs and feeds, by name; the accumulate ops are null without accumulation. */
  public record Names(String updateD, String updateG, String accumulateD, String accumulateG,
      String emaUpdate, String emaDecay,
      String lossD, String lossDReal, String lossDFake, String lossG, String gradNormD,
      String gradNormG) {}

  private TrainingGraph(Graph graph, StageConfig config, int replicas, Names names) {
    this.graph = graph;
    this.config = config;
    this.replicas = replicas;
    this.names = names;
  }

  /**
   * @param batchPerReplica examples each replica sees per run (a micro-batch when accumulating)
   * @param accumulation runs (micro-batches) per update
   */
  public static TrainingGraph build(StageConfig config, Devices devices, int batchPerReplica,
      int accumulation) {
    int n = devices.count();
    try (Graph build = new Graph()) {
      Ops root = Scopes.root(build);
      Ops params = root.withDevice(devices.parameters());
      MomentsReducer reducer = n > 1 ? new CrossReplicaMoments(n)
          : MomentsReducer.LOCAL;
      Stage stage = Stages.create(params, config, BuildMode.train().withMomentsReducer(reducer));
      Placeholder<TInt64> seed = params.withName(SEED).placeholder(TInt64.class,
          Placeholder.shape(Shape.of(2)));
      List<Tower> towers = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        Ops tf = root.withSubScope(replicaScope(i)).withDevice(devices.replica(i));
        towers.add(stage.tower(tf, inputs(tf, config, batchPerReplica, seed, i, n)));
      }
      TrainOps ops = StageTraining.build(build, params, stage, towers, accumulation);
      GraphDef placed = DevicePlacement.place(build.toGraphDef(),
          List.of("gradients_" + StageTraining.D_ADAM, "gradients_" + StageTraining.G_ADAM),
          devices.parameters().toString());
      Graph graph = new Graph();
      graph.importGraphDef(placed);
      return new TrainingGraph(graph, config, n, names(ops));
    }
  }

  private static TowerInputs inputs(Ops tf, StageConfig c, int batch,
      Operand<TInt64> seed, int replica, int replicas) {
    VideoShape v = c.getVideo();
    Placeholder<TFloat32> real = tf.withName("real").placeholder(TFloat32.class,
        Placeholder.shape(Shape.of(batch, v.getFrames(), v.getHeight(), v.getWidth(), 3)));
    Placeholder<TInt32> labels = c.getNumClasses() > 0 ? tf.withName("labels")
        .placeholder(TInt32.class, Placeholder.shape(Shape.of(batch))) : null;
    Placeholder<TFloat32> lowRes = null;
    if (c.getKind() == StageConfig.Kind.SUPER_RES) {
      VideoShape l = StageConfigs.lowResShape(c);
      lowRes = tf.withName("low_res").placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(batch, l.getFrames(), l.getHeight(), l.getWidth(), 3)));
    }
    return new TowerInputs(real, labels, lowRes, seed, replica, replicas);
  }

  private static Names names(TrainOps ops) {
    return new Names(name(ops.updateD()), name(ops.updateG()), name(ops.accumulateD()),
        name(ops.accumulateG()),
        ops.ema() == null ? null : name(ops.ema().update()),
        ops.ema() == null ? null : ops.ema().decay().op().name(),
        ops.lossD().op().name(), ops.lossDReal().op().name(), ops.lossDFake().op().name(),
        ops.lossG().op().name(), ops.gradNormD().op().name(), ops.gradNormG().op().name());
  }

  private static String name(Op op) {
    return op == null ? null : op.op().name();
  }

  static String replicaScope(int i) {
    return "replica_" + i;
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

  public Names names() {
    return names;
  }

  @Override
  public void close() {
    graph.close();
  }
}
