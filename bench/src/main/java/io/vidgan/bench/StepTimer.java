package io.vidgan.bench;

import io.vidgan.graphs.StageBelow;
import io.vidgan.graphs.Update;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.Precision;
import io.vidgan.replicas.devices.Devices;
import io.vidgan.replicas.ReplicaFeed;
import io.vidgan.replicas.StageBelowProducer;
import io.vidgan.replicas.StepRunner;
import io.vidgan.replicas.TrainingGraph;
import java.util.List;
import java.util.Optional;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.proto.RunOptions;
import org.tensorflow.proto.StepStats;
import org.tensorflow.types.TInt64;

/**
 * A stage's training graph on {@code replicas} replicas with the trainer's session settings
 * ({@link Devices#sessionConfig()}), fed synthetic inputs, whose D and G update steps can be
 * timed and traced one at a time. Each step runs the same targets and fetches as the trainer's
 * {@code StepRunner}.
 */
final class StepTimer implements AutoCloseable {
  /** Which update a step runs. */
  enum Step {
    D(Update.D),
    G(Update.G);

    private final Update update;

    Step(Update update) {
      this.update = update;
    }
  }

  private final TrainingGraph graph;
  private final Session session;
  private final ReplicaFeed.All feeds;
  private final StageConfig config;
  private final Optional<StageBelowProducer> producer;
  private long runIndex;

  /**
   * Builds the graph for the config's global batch split over the replicas of {@code devices}.
   *
   * @param threads {@code {intra, inter}} op thread pools instead of the trainer's, or null
   * @param precision what the stage's convolutions and matrix products compute in
   */
  StepTimer(StageConfig config, Devices devices, int[] threads, Precision precision) {
    this(config, devices, threads, precision, null);
  }

  /**
   * @param below the frozen stages below a super-resolution stage, whose generators make its fake
   *     pairs' conditioning ahead of the step on a producer thread, as {@code bin/train --below}
   *     does; null for real low-res views
   */
  StepTimer(StageConfig config, Devices devices, int[] threads, Precision precision,
      List<StageBelow.Level> below) {
    int global = config.getOptimization().getBatchSize();
    int replicas = devices.count();
    if (global % replicas != 0) {
      throw new IllegalArgumentException("batch " + global + " does not divide among "
          + replicas + " replicas");
    }
    this.config = config;
    this.graph = TrainingGraph.build(config, devices, global / replicas, 1, below, precision);
    ConfigProto session = devices.sessionConfig();
    if (threads != null) {
      session = session.toBuilder().setIntraOpParallelismThreads(threads[0])
          .setInterOpParallelismThreads(threads[1]).build();
    }
    this.session = new Session(graph.graph(), session);
    this.feeds = SyntheticFeeds.of(config, replicas, global / replicas, 1);
    if (below != null) {
      this.session.initialize();
    }
    this.producer = StageBelowProducer.start(graph, this.session, 1, 0);
  }

  StageConfig config() {
    return config;
  }

  TrainingGraph graph() {
    return graph;
  }

  /** The op a step runs. */
  String target(Step step) {
    return graph.step().apply(step.update).target().name();
  }

  /** Runs {@code step} once; returns its wall-clock seconds. */
  double time(Step step) {
    long t0 = System.nanoTime();
    run(step, null).close();
    return (System.nanoTime() - t0) / 1e9;
  }

  /**
   * Runs one training iteration, {@code d_steps_per_g_step} D steps then a G step (the EMA
   * update, a copy of G's weights, left out); returns its wall-clock seconds.
   */
  double iteration() {
    long t0 = System.nanoTime();
    for (int i = 0; i < config.getOptimization().getDStepsPerGStep(); i++) {
      run(Step.D, null).close();
    }
    run(Step.G, null).close();
    return (System.nanoTime() - t0) / 1e9;
  }

  /** Runs one iteration as {@link #iteration} does, with a full trace; returns its kernels. */
  StepStats traceIteration() {
    StepStats.Builder all = StepStats.newBuilder();
    for (int i = 0; i < config.getOptimization().getDStepsPerGStep(); i++) {
      all.addAllDevStats(trace(Step.D).getDevStatsList());
    }
    return all.addAllDevStats(trace(Step.G).getDevStatsList()).build();
  }

  /** Runs {@code step} once with a full trace. */
  StepStats trace(Step step) {
    RunOptions options = RunOptions.newBuilder().setTraceLevel(RunOptions.TraceLevel.FULL_TRACE)
        .build();
    try (Result r = run(step, options)) {
      return r.getMetadata().orElseThrow().getStepStats();
    }
  }

  private Result run(Step step, RunOptions options) {
    try (TInt64 seed = TInt64.vectorOf(1, runIndex++)) {
      Session.Runner r = graph.step().apply(step.update).addTo(
          StepRunner.feed(session.runner(), feeds.list(), seed));
      return options == null ? r.run() : r.setOptions(options).runAndFetchMetadata();
    }
  }

  @Override
  public void close() {
    producer.ifPresent(StageBelowProducer::close);
    feeds.close();
    session.close();
    graph.close();
  }
}
