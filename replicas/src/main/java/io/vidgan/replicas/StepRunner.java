package io.vidgan.replicas;

import static com.google.common.base.Preconditions.checkArgument;

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
 * (and the EMA), and returns the losses.
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

  /** Losses and gradient norm of one update. */
  public record Losses(float total, float real, float fake, float gradNorm) {
    boolean finite() {
      return Float.isFinite(total) && Float.isFinite(real) && Float.isFinite(fake)
          && Float.isFinite(gradNorm);
    }
  }

  public StepRunner(TrainingGraph graph, Session session) {
    this.graph = graph;
    this.session = session;
    this.workerReplicas = graph.workerTasks().values().stream().flatMap(List::stream).toList();
  }

  /** One Adam step of the discriminators. */
  public Losses discriminatorStep(List<ReplicaFeed> feeds, long seed, long run) {
    TrainingGraph.Names n = graph.names();
    float[] v = run(feeds, seed, run, n.updateD(), n.lossD(), n.lossDReal(), n.lossDFake(),
        n.gradNormD());
    return new Losses(v[0], v[1], v[2], v[3]);
  }

  /**
   * Adds one micro-batch's D gradient to the accumulators (training with gradient accumulation);
   * {@code gradNorm} is not set.
   */
  public Losses accumulateDiscriminator(List<ReplicaFeed> feeds, long seed, long run) {
    TrainingGraph.Names n = graph.names();
    checkArgument(n.accumulateD() != null, "this graph does not accumulate gradients");
    float[] v = run(feeds, seed, run, n.accumulateD(), n.lossD(), n.lossDReal(), n.lossDFake());
    return new Losses(v[0], v[1], v[2], Float.NaN);
  }

  /** Adds one micro-batch's G gradient to the accumulators; only {@code total} is set. */
  public Losses accumulateGenerator(List<ReplicaFeed> feeds, long seed, long run) {
    TrainingGraph.Names n = graph.names();
    checkArgument(n.accumulateG() != null, "this graph does not accumulate gradients");
    float[] v = run(feeds, seed, run, n.accumulateG(), n.lossG());
    return new Losses(v[0], Float.NaN, Float.NaN, Float.NaN);
  }

  /** One Adam step of G; only {@code total} (the hinge loss) and {@code gradNorm} are set. */
  public Losses generatorStep(List<ReplicaFeed> feeds, long seed, long run) {
    TrainingGraph.Names n = graph.names();
    float[] v = run(feeds, seed, run, n.updateG(), n.lossG(), n.gradNormG());
    return new Losses(v[0], Float.NaN, Float.NaN, v[1]);
  }

  /** Moves the EMA of G toward G ({@code decay} 0 copies G). */
  public void updateEma(float decay) {
    TrainingGraph.Names n = graph.names();
    checkArgument(n.emaUpdate() != null, "this stage has no EMA");
    try (TFloat32 d = TFloat32.scalarOf(decay)) {
      session.runner().feed(n.emaDecay(), d).addTarget(n.emaUpdate()).run();
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
   * Runs {@code target} with {@code feeds} for this process's replicas, fetching the float
   * scalars {@code fetches} and the positions of the worker-fed replicas (whose fetch is also
   * what makes every run dequeue their batches, even where the target does not read them).
   */
  private float[] run(List<ReplicaFeed> feeds, long seed, long run, String target,
      String... fetches) {
    List<Integer> local = graph.localReplicas();
    checkArgument(feeds.size() == local.size(), "%s feeds for %s replicas", feeds.size(),
        local.size());
    try (TInt64 s = TInt64.vectorOf(seed, run)) {
      Session.Runner r = feed(session.runner(), local, feeds, s).addTarget(target);
      for (String fetch : fetches) {
        r.fetch(fetch);
      }
      for (int i : workerReplicas) {
        r.fetch(TrainingGraph.input(i, InputQueues.POSITION));
      }
      try (Result result = r.run()) {
        float[] out = new float[fetches.length];
        for (int i = 0; i < out.length; i++) {
          out[i] = ((TFloat32) result.get(i)).getFloat();
        }
        for (int k = 0; k < workerReplicas.size(); k++) {
          workerPositions.put(workerReplicas.get(k),
              ((TInt64) result.get(out.length + k)).getLong());
        }
        return out;
      }
    }
  }
}
