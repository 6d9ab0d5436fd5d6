package io.vidgan.replicas;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.graphs.StepOutput;
import io.vidgan.graphs.Update;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Runs the update steps of a {@link TrainingGraph}: feeds the replicas of this process their part
 * of the batch (a cluster's worker tasks queue theirs) and the run's seed, runs one D or G update
 * (and the EMA), and returns the step's outputs ({@link StepValues}).
 *
 * <p>Run {@code k} of a training run is seeded with {@code (seed, k)}: the noise and frame choices
 * of every run are a pure function of the run's seed and index (see {@code TowerInputs}), so a
 * resumed run repeats exactly what an uninterrupted one would have done.
 */
public final class StepRunner {
  private final TrainingGraph graph;
  private final Session session;
  private final List<Integer> workerReplicas;
  private final Map<Integer, Long> workerPositions = new TreeMap<>();

  public StepRunner(TrainingGraph graph, Session session) {
    this.graph = graph;
    this.session = session;
    this.workerReplicas = graph.workerTasks().values().stream().flatMap(List::stream).toList();
  }

  /** The step's outputs, in the order they are checked and logged. */
  public List<StepOutput> outputs() {
    return graph.step().outputs();
  }

  /** One Adam step of {@code update} (D or G): its outputs for this run. */
  public StepValues apply(Update update, List<ReplicaFeed> feeds, long seed, long run) {
    return run(graph.step().apply(update), feeds, seed, run);
  }

  /**
   * Adds one micro-batch's gradient of {@code update} to its accumulators (training with
   * gradient accumulation): its per-micro-batch outputs, no gradient norms.
   */
  public StepValues accumulate(Update update, List<ReplicaFeed> feeds, long seed, long run) {
    StepOps.Run r = graph.step().accumulate(update).orElseThrow(
        () -> new IllegalArgumentException("this graph does not accumulate gradients"));
    return run(r, feeds, seed, run);
  }

  /** Moves the EMA of G toward G ({@code decay} 0 copies G). */
  public void updateEma(float decay) {
    StepOps.Ema ema = graph.step().ema().orElseThrow(
        () -> new IllegalArgumentException("this stage has no EMA"));
    try (TFloat32 d = TFloat32.scalarOf(decay)) {
      session.runner().feed(ema.decay(), d).addTarget(ema.update()).run();
    }
  }

  /**
   * The stream positions, after the last run, of the replicas a cluster's worker tasks feed
   * (each run dequeues one batch per such replica); empty before the first run.
   */
  public Map<Integer, Long> workerPositions() {
    return Collections.unmodifiableMap(workerPositions);
  }

  /**
   * Feeds {@code r} the run's {@code (seed, index)} pair and the inputs of replicas {@code 0 ..
   * feeds.size() - 1} (a graph whose replicas are all fed by this process).
   */
  public static Session.Runner feed(Session.Runner r, List<ReplicaFeed> feeds, TInt64 seedAndRun) {
    return feed(r, IntStream.range(0, feeds.size()).boxed().toList(), feeds, seedAndRun);
  }

  /** Feeds {@code r} the {@code (seed, index)} pair and {@code feeds[k]} to {@code replicas[k]}. */
  private static Session.Runner feed(Session.Runner r, List<Integer> replicas,
      List<ReplicaFeed> feeds, TInt64 seedAndRun) {
    r.feed(TrainingGraph.SEED, seedAndRun);
    for (int k = 0; k < replicas.size(); k++) {
      feedReplica(r, replicas.get(k), feeds.get(k));
    }
    return r;
  }

  /** Feeds {@code r} replica {@code i}'s inputs (placeholders named as {@link InputQueues}'). */
  static void feedReplica(Session.Runner r, int i, ReplicaFeed f) {
    r.feed(TrainingGraph.input(i, InputQueues.REAL), f.real());
    if (f.labels() != null) {
      r.feed(TrainingGraph.input(i, InputQueues.LABELS), f.labels());
    }
    if (f.lowRes() != null) {
      r.feed(TrainingGraph.input(i, InputQueues.LOW_RES), f.lowRes());
    }
  }

  /**
   * Runs {@code step} with {@code feeds} for this process's replicas, fetching its outputs and
   * the positions of the worker-fed replicas (whose fetch is also what makes every run dequeue
   * their batches, even where the target does not read them), and checks that the stage-below
   * samples dequeued by towers fed ahead of the step ({@link StageBelowProducer}) were made for
   * this run.
   */
  private StepValues run(StepOps.Run step, List<ReplicaFeed> feeds, long seed, long run) {
    List<Integer> local = graph.localReplicas();
    checkArgument(feeds.size() == local.size(), "%s feeds for %s replicas", feeds.size(),
        local.size());
    try (TInt64 s = TInt64.vectorOf(seed, run)) {
      Session.Runner r = step.addTo(feed(session.runner(), local, feeds, s));
      for (int i : workerReplicas) {
        r.fetch(TrainingGraph.input(i, InputQueues.POSITION));
      }
      graph.belowQueues().runs().forEach(r::fetch);
      try (Result result = r.run()) {
        int first = step.outputs().size();
        for (int k = 0; k < workerReplicas.size(); k++) {
          workerPositions.put(workerReplicas.get(k),
              ((TInt64) result.get(first + k)).getLong());
        }
        first += workerReplicas.size();
        for (int k = 0; k < graph.belowQueues().runs().size(); k++) {
          long made = ((TInt64) result.get(first + k)).getLong();
          if (made != run) {
            throw new IllegalStateException("run " + run + " dequeued the stage-below samples "
                + "of run " + made + " (" + graph.belowQueues().runs().get(k).op().name() + ")");
          }
        }
        return step.values(result);
      }
    }
  }
}
