package io.vidgan.replicas;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.graphs.InferenceGenerator;
import io.vidgan.graphs.RunDirectory;
import io.vidgan.graphs.StageBelow;
import io.vidgan.graphs.TowerDraws;
import io.vidgan.graphs.config.Presets;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.ops.BuildMode;
import io.vidgan.ops.Scopes;
import io.vidgan.ops.Variables;
import io.vidgan.ops.testing.Closeness;
import io.vidgan.ops.testing.TfRun;
import io.vidgan.replicas.config.TrainerState;
import io.vidgan.replicas.devices.Devices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The producer's stage-below pass made chunk by chunk ({@link StageBelowClips}) equals the pass
 * made in one run, for a two-level chain below (tiny/lres, tiny/sres, under tiny/sres2) whose
 * first stage's clip is two chunks long. The frozen stages' BN statistics differ per frame and
 * their weights are random, so a chunk that started from the wrong ConvGRU states or read the
 * statistics of the wrong frames would differ.
 */
class StageBelowClipsTest {
  private static final int B = 2;
  private static final int TOWERS = 2;
  private static final long SEED = 23;

  @Test
  void aClipMadeChunkByChunkGivesTheSamplesOfOneWholeClip(@TempDir Path dir) throws Exception {
    StageConfig lres = Presets.load("tiny/lres");
    StageConfig sres = Presets.load("tiny/sres");
    StageConfig top = Presets.load("tiny/sres2");
    StageBelowChain chain = StageBelowChain.resolve(frozen(dir.resolve("lres"), lres, 1) + ","
        + frozen(dir.resolve("sres"), sres, 2), top);
    Devices devices = Devices.local(1, 0);
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Scopes.root(g);
      StageBelow below = new StageBelow(tf, chain.levels(), top);
      assertTrue(below.clipFrames() > below.chunkFrames(), "the clip is made in several chunks");
      StageBelowQueues queues = new StageBelowQueues(tf, below, top, B, "test");
      Placeholder<TInt64> seed = tf.placeholder(TInt64.class, Placeholder.shape(Shape.of(2)));
      List<StageBelow.Sample> queued = new ArrayList<>();
      List<StageBelow.Sample> whole = new ArrayList<>();
      for (int k = 0; k < TOWERS; k++) {
        TowerDraws draws = new TowerDraws(seed, k, TOWERS, B);
        queued.add(queues.tower(tf.withSubScope("step_" + k), draws, true, devices.replica(0),
            devices.taskCpu(0)));
        whole.add(below.sample(tf.withSubScope("whole_" + k), draws));
      }
      StageBelowPass pass = queues.finish().producer().orElseThrow();
      chain.restore(g, tf, session);
      Closeness close = Closeness.forward(g, StageBelow.SCOPE, 1);
      for (long run = 0; run < 2; run++) {
        try (TInt64 s = TInt64.vectorOf(SEED, run)) {
          pass.make(session, s);
          Session.Runner r = session.runner().feed(seed, s);
          for (int k = 0; k < TOWERS; k++) {
            r.fetch(queued.get(k).windows()).fetch(queued.get(k).labels())
                .fetch(whole.get(k).windows()).fetch(whole.get(k).labels());
          }
          try (Result out = r.run()) {
            for (int k = 0; k < TOWERS; k++) {
              assertArrayEquals(ints(out.get(4 * k + 3)), ints(out.get(4 * k + 1)));
              close.assertClose(TfRun.values(out.get(4 * k + 2)), TfRun.values(out.get(4 * k)),
                  "run " + run + ", tower " + k);
            }
          }
        }
      }
    }
  }

  /**
   * A run directory of {@code c} (one checkpoint, step 1) whose generator has its random initial
   * weights and per-frame BN statistics drawn from {@code seed}: means in [-0.5, 0.5), variances
   * in [0.25, 2.25).
   */
  private static Path frozen(Path dir, StageConfig c, long seed) throws Exception {
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(RunDirectory.CONFIG), StageConfigs.toText(c));
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Scopes.root(g);
      new InferenceGenerator(g, tf, c, BuildMode.inference(), c.getVideo().getFrames());
      session.initialize();
      Random random = new Random(seed);
      Session.Runner r = session.runner();
      int statistics = 0;
      for (Output<TFloat32> v : Variables.under(g, c.getName(), false)) {
        boolean mean = v.op().name().endsWith("moving_mean");
        if (mean || v.op().name().endsWith("moving_variance")) {
          float[] values = new float[(int) v.shape().size()];
          for (int i = 0; i < values.length; i++) {
            values[i] = mean ? random.nextFloat() - 0.5f : 0.25f + 2 * random.nextFloat();
          }
          r.addTarget(tf.assign(v, tf.constant(v.shape(), DataBuffers.of(values, true, false))));
          statistics++;
        }
      }
      assertTrue(statistics > 0, "no BN statistics in " + c.getName());
      r.run();
      new Checkpoints(dir, 1).save(session::save, TrainerState.newBuilder().setStep(1).build());
    }
    return dir;
  }

  private static int[] ints(org.tensorflow.Tensor t) {
    TInt32 i = (TInt32) t;
    int[] out = new int[(int) i.shape().size()];
    i.copyTo(DataBuffers.of(out, false, false));
    assertEquals(B, out.length);
    return out;
  }
}
