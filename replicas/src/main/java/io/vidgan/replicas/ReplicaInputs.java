package io.vidgan.replicas;

import io.vidgan.data.BatchStream;
import io.vidgan.data.ReplicaStream;
import io.vidgan.data.VideoDataset;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.replicas.config.ChiefMessage;
import io.vidgan.replicas.config.TaskInput;
import io.vidgan.replicas.config.TrainerConfig;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tensorflow.Session;
import org.tensorflow.types.TString;

/**
 * The data side of a run, seen from the process that drives it: the replicas this process feeds
 * read their streams here; on a cluster, every worker task is told ({@code TaskInput}) to read
 * its own replicas' streams from its own copy of the data ({@link TaskInputFeeder}), and their
 * positions come back with every run ({@link StepRunner#workerPositions()}).
 */
final class ReplicaInputs implements AutoCloseable {
  private final StageConfig config;
  private final TrainerConfig run;
  private final int batch;
  private final TrainingGraph graph;
  private final List<Long> start;
  private final List<BatchStream> streams;

  private ReplicaInputs(StageConfig config, TrainerConfig run, int batch, TrainingGraph graph,
      List<Long> start, List<BatchStream> streams) {
    this.config = config;
    this.run = run;
    this.batch = batch;
    this.graph = graph;
    this.start = start;
    this.streams = streams;
  }

  /**
   * Opens this process's streams.
   *
   * @param start every replica's stream position (a checkpoint's), or empty for a fresh run
   */
  static ReplicaInputs open(VideoDataset dataset, StageConfig config, TrainerConfig run,
      int batch, TrainingGraph graph, List<Long> start) {
    List<Long> positions = new ArrayList<>();
    for (int i = 0; i < graph.replicas(); i++) {
      positions.add(i < start.size() ? start.get(i) : 0L);
    }
    List<Integer> local = graph.localReplicas();
    List<BatchStream> streams = StageData.open(dataset, config,
        new ReplicaStream(batch, 0, graph.replicas(), run.getSeed(), 0), local,
        local.stream().map(positions::get).toList());
    return new ReplicaInputs(config, run, batch, graph, positions, streams);
  }

  /**
   * Tells every worker task to queue its replicas' batches for {@code session}, from the
   * positions this run starts at. Waits at most the session's operation timeout per task.
   */
  void assignWorkers(Session session) {
    for (Map.Entry<Integer, List<Integer>> task : graph.workerTasks().entrySet()) {
      TaskInput.Builder input = TaskInput.newBuilder()
          .setSession(graph.session())
          .setStageConfig(config.toByteString())
          .setRun(run)
          .setBatchPerReplica(batch)
          .addAllReplicas(task.getValue());
      task.getValue().forEach(i -> input.addPositions(start.get(i)));
      send(session, task.getKey(), ChiefMessage.newBuilder().setAssignment(input).build());
    }
  }

  /** Tells every worker task that the run is finished, so that it exits. */
  void finishWorkers(Session session) {
    for (int task : graph.workerTasks().keySet()) {
      send(session, task, ChiefMessage.newBuilder().setRunFinished(true).build());
    }
  }

  private static void send(Session session, int task, ChiefMessage message) {
    try (TString t = InputQueues.message(message)) {
      session.runner().feed(TrainingGraph.assignment(task), t)
          .addTarget(TrainingGraph.assign(task)).run();
    }
  }

  /** The next batch of each replica this process feeds, in replica order. */
  ReplicaFeed.All next(Progress progress) throws IOException {
    long t0 = System.nanoTime();
    List<ReplicaFeed> feeds = new ArrayList<>(streams.size());
    try {
      for (BatchStream s : streams) {
        feeds.add(StageData.feed(s.next(), config, run.getData()));
      }
    } catch (IOException | RuntimeException e) {
      feeds.forEach(ReplicaFeed::close);
      throw e;
    }
    progress.waited((System.nanoTime() - t0) / 1e9);
    return new ReplicaFeed.All(feeds);
  }

  /** Every replica's stream position, for a checkpoint. */
  List<Long> positions(StepRunner runner) {
    List<Long> positions = new ArrayList<>(start);
    List<Integer> local = graph.localReplicas();
    for (int k = 0; k < local.size(); k++) {
      positions.set(local.get(k), streams.get(k).position());
    }
    runner.workerPositions().forEach(positions::set);
    return positions;
  }

  @Override
  public void close() {
    streams.forEach(BatchStream::close);
  }
}
