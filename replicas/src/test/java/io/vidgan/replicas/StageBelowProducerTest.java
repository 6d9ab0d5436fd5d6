package io.vidgan.replicas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.graphs.StageBelow;
import io.vidgan.graphs.TowerDraws;
import io.vidgan.graphs.config.Presets;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.sres.SuperResStage;
import io.vidgan.ops.Precision;
import io.vidgan.ops.Scopes;
import io.vidgan.ops.testing.Closeness;
import io.vidgan.ops.testing.TfRun;
import io.vidgan.replicas.devices.CrossReplicaMoments;
import io.vidgan.replicas.devices.Devices;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tensorflow.Graph;
import org.tensorflow.Operation;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.io.FifoQueue;
import org.tensorflow.op.io.QueueClose;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.family.TType;

/**
 * Stage-below samples made ahead of the step ({@link StageBelowProducer}, {@link
 * StageBelowQueues}): run {@code k} of a step gets the samples an in-step generation makes for run
 * {@code k} (a producer started at a resumed run included), and the producer stops without
 * hanging, at the end of a run and when it fails. The time limits only turn a hang into a failure.
 */
class StageBelowProducerTest {
  private static final int B = 2;
  private static final int TOWERS = 2;
  private static final long SEED = 11;
  private static final Duration HANG = Duration.ofMinutes(5);

  @Test
  void eachRunDequeuesTheSamplesItsOwnDrawsMake(@TempDir Path dir) throws Exception {
    StageConfig sres = Presets.load("tiny/sres");
    StageBelowChain below = StageBelowChain.resolve(
        StageBelowFakePairsTest.stageBelow(dir.resolve("lres"), null).toString(), sres);
    long firstRun = 5;
    int runs = 3;
    List<float[]> queued = new ArrayList<>();
    List<int[]> queuedLabels = new ArrayList<>();
    Devices devices = Devices.logicalCpus(TOWERS);
    assertTimeoutPreemptively(HANG, () -> {
      try (TrainingGraph graph = TrainingGraph.build(sres, devices, B, 1, below.levels(),
          Precision.FP32);
          Session session = new Session(graph.graph(), devices.sessionConfig())) {
        below.restore(graph, devices, session);
        assertEquals(TOWERS, graph.belowQueues().runs().size(), "every tower of one process is queued");
        try (StageBelowProducer producer = StageBelowProducer.start(graph, session, SEED,
            firstRun).orElseThrow()) {
          for (long run = firstRun; run < firstRun + runs; run++) {
            Session.Runner r = session.runner();
            for (int k = 0; k < TOWERS; k++) {
              String pairs = CrossReplicaMoments.towerScope(k) + "/" + sres.getName() + "/";
              r.fetch(pairs + SuperResStage.FAKE_LOW_RES).fetch(pairs + SuperResStage.FAKE_LABELS)
                  .fetch(graph.belowQueues().runs().get(k));
            }
            try (Result result = r.run()) {
              for (int k = 0; k < TOWERS; k++) {
                queued.add(TfRun.values(result.get(3 * k)));
                queuedLabels.add(ints((TInt32) result.get(3 * k + 1)));
                assertEquals(run, ((TInt64) result.get(3 * k + 2)).getLong());
              }
            }
          }
        }
      }
    });
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Scopes.root(g);
      Placeholder<TInt64> seed = tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
      StageBelow stageBelow = new StageBelow(tf, below.levels(), sres);
      List<StageBelow.Sample> samples = new ArrayList<>();
      for (int k = 0; k < TOWERS; k++) {
        samples.add(stageBelow.sample(tf.withSubScope("tower_" + k),
            new TowerDraws(seed, k, TOWERS, B)));
      }
      below.restore(g, tf, session);
      Closeness close = Closeness.forward(g, "below/lres/generator", 1);
      for (int i = 0; i < runs; i++) {
        try (TInt64 s = TInt64.vectorOf(SEED, firstRun + i)) {
          Session.Runner r = session.runner().feed(seed, s);
          samples.forEach(x -> r.fetch(x.windows()).fetch(x.labels()));
          try (Result result = r.run()) {
            for (int k = 0; k < TOWERS; k++) {
              int at = i * TOWERS + k;
              assertArrayEquals(ints((TInt32) result.get(2 * k + 1)), queuedLabels.get(at));
              close.assertClose(TfRun.values(result.get(2 * k)), queued.get(at),
                  "run " + (firstRun + i) + ", tower " + k);
            }
          }
        }
      }
    }
  }

  /**
   * A producer that fails at its third run, in its graph's enqueue or with a JVM error (out of
   * memory, say) in its own code: the two queued runs are dequeued, the next dequeue fails
   * instead of waiting, and {@link StageBelowProducer#explain} reports the producer's error.
   */
  @ParameterizedTest
  @ValueSource(booleans = {false, true})
  void aFailingProducerFailsTheStepInsteadOfHangingIt(boolean jvmError) {
    assertTimeoutPreemptively(HANG, () -> {
      try (Graph g = new Graph(); Session session = new Session(g)) {
        Ops tf = Scopes.root(g);
        Placeholder<TInt64> seed = tf.withName("seed").placeholder(TInt64.class,
            Placeholder.shape(Shape.of(2)));
        Ops q = tf.withSubScope("q");
        var queue = q.io.fifoQueue(List.<Class<? extends TType>>of(TInt64.class),
            FifoQueue.shapes(Shape.scalar()), FifoQueue.capacity(1L));
        var run = tf.gather(seed, tf.constant(1), tf.constant(0));
        var check = tf.assertThat(tf.math.less(run, tf.constant(2L)),
            List.of(tf.constant("no run 2")));
        Op enqueue = tf.withControlDependencies(List.of(check)).io.queueEnqueue(queue,
            List.of(run));
        Op close = tf.io.queueClose(queue, QueueClose.cancelPendingEnqueues(true));
        var dequeue = q.io.queueDequeue(queue, List.<Class<? extends TType>>of(TInt64.class));
        StageBelowPass pass = new StageBelowPass() {
          @Override
          public void make(Session s, TInt64 draws) {
            if (jvmError && draws.getLong(1) == 2) {
              throw new OutOfMemoryError("no run 2");
            }
            s.runner().feed(seed, draws).addTarget(enqueue).run().close();
          }

          @Override
          public Operation close() {
            return close.op();
          }
        };
        try (StageBelowProducer producer = new StageBelowProducer(session, pass, 3, 0)) {
          for (long expected = 0; expected < 2; expected++) {
            try (Result r = session.runner().fetch(dequeue.components().get(0)).run()) {
              assertEquals(expected, ((TInt64) r.get(0)).getLong());
            }
          }
          RuntimeException step = assertThrows(RuntimeException.class,
              () -> session.runner().fetch(dequeue.components().get(0)).run().close());
          RuntimeException reported = producer.explain(step);
          assertTrue(reported.getMessage().contains("no run 2"), reported.getMessage());
        }
      }
    });
  }

  private static int[] ints(TInt32 t) {
    int[] out = new int[(int) t.shape().size()];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }
}
