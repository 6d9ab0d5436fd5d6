package io.vidgan.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.graphs.RunDirectory;
import io.vidgan.graphs.config.Presets;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.graphs.lres.LowResGenerator;
import io.vidgan.graphs.sres.SuperResStage;
import io.vidgan.ops.BuildMode;
import io.vidgan.ops.LayerFactory;
import io.vidgan.ops.Precision;
import io.vidgan.ops.Scopes;
import io.vidgan.ops.Variables;
import io.vidgan.ops.testing.TfRun;
import io.vidgan.replicas.config.TrainerState;
import io.vidgan.replicas.devices.CrossReplicaMoments;
import io.vidgan.replicas.devices.Devices;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * The fake pairs of a super-resolution stage condition on samples of the stage below (SSW-GAN eq.
 * 3), read from the training graph D_M is built in: with a stage below whose every output pixel
 * is one colour, the fake pairs' low-res windows are that colour, while the real pairs keep the
 * real views fed; with {@code --condition=real} the fake pairs get the real views.
 */
class StageBelowFakePairsTest {
  static final float BIAS = 0.5f;
  private static final int B = 2;

  /**
   * A tiny first-stage run directory (one checkpoint, step 1, no spectral normalisation) whose
   * generator makes {@code tanh(bias)} in every pixel: its output conv's kernel is zero and its
   * bias {@code bias}; with a null {@code bias}, the generator's random initial weights.
   */
  static Path stageBelow(Path dir, Float bias) throws Exception {
    StageConfig c = Presets.load("tiny/lres").toBuilder().setSpectralNorm(false).build();
    Files.createDirectories(dir);
    Files.writeString(dir.resolve(RunDirectory.CONFIG), StageConfigs.toText(c));
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Scopes.root(g);
      new LowResGenerator(new LayerFactory(tf.withSubScope(c.getName()), BuildMode.inference(),
          c.getSeed(), false), c);
      session.initialize();
      Session.Runner r = session.runner();
      for (Output<TFloat32> v : Variables.under(g, c.getName(), false)) {
        String name = v.op().name();
        if (bias != null && (name.endsWith("out_conv/kernel") || name.endsWith("out_conv/bias"))) {
          r.addTarget(tf.assign(v, tf.fill(tf.constant(v.shape().asArray()),
              tf.constant(name.endsWith("bias") ? bias : 0f))));
        }
      }
      if (bias != null) {
        r.run();
      }
      new Checkpoints(dir, 1).save(session::save, TrainerState.newBuilder().setStep(1).build());
    }
    return dir;
  }

  @Test
  void fakePairsCarryTheStageBelowsColourAndRealPairsTheRealViews(@TempDir Path dir)
      throws Exception {
    StageConfig sres = Presets.load("tiny/sres");
    StageBelowChain below = StageBelowChain.resolve(
        stageBelow(dir.resolve("lres"), BIAS).toString(), sres);
    float[] real = TfRun.gaussian(lowResSize(sres), 5);
    Pairs pairs = lowResPairs(sres, below, real);
    float colour = (float) Math.tanh(BIAS);
    for (float x : pairs.fake()) {
      assertEquals(colour, x, 1e-6 * Math.abs(colour));
    }
    assertEquals(0.0, TfRun.maxAbsDiff(real, pairs.real()), "real pairs keep the real views");
  }

  /**
   * {@code --below} also takes a model exported by {@code bin/export-savedmodel}: here one laid
   * out by hand as its manifest describes ({@code assets.extra/vidgan/manifest.properties}, the
   * stage's config, G's weights under the training names in {@code variables/variables}).
   */
  @Test
  void anExportedModelIsAStageBelowToo(@TempDir Path dir) throws Exception {
    Path run = stageBelow(dir.resolve("lres"), -BIAS);
    Path model = dir.resolve("model");
    Path manifest = Files.createDirectories(model.resolve("assets.extra/vidgan"));
    Files.copy(run.resolve(RunDirectory.CONFIG), manifest.resolve("lres.pbtxt"));
    Files.writeString(manifest.resolve("manifest.properties"), "format=vidgan-savedmodel-1\n"
        + "stages=lres\nstat_frames=4\nstat_passes=0\nlres.ema=false\nlres.window_stride=0\n"
        + "lres.checkpoint=" + run + "\n");
    Path variables = Files.createDirectories(model.resolve("variables"));
    try (var files = Files.list(run.resolve(RunDirectory.checkpoint(1)))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        String name = f.getFileName().toString();
        if (name.startsWith(RunDirectory.VARIABLES + ".")) {
          Files.copy(f, variables.resolve(name));
        }
      }
    }
    StageConfig sres = Presets.load("tiny/sres");
    StageBelowChain below = StageBelowChain.resolve(model.toString(), sres);
    float colour = (float) Math.tanh(-BIAS);
    for (float x : lowResPairs(sres, below, TfRun.gaussian(lowResSize(sres), 5)).fake()) {
      assertEquals(colour, x, 1e-6 * Math.abs(colour));
    }
  }

  @Test
  void withRealConditioningFakePairsGetTheRealViews() throws Exception {
    StageConfig sres = Presets.load("tiny/sres");
    float[] real = TfRun.gaussian(lowResSize(sres), 5);
    Pairs pairs = lowResPairs(sres, null, real);
    assertEquals(0.0, TfRun.maxAbsDiff(real, pairs.fake()));
    assertEquals(0.0, TfRun.maxAbsDiff(real, pairs.real()));
  }

  private static int lowResSize(StageConfig c) {
    var l = StageConfigs.lowResShape(c);
    return B * l.getFrames() * l.getHeight() * l.getWidth() * 3;
  }

  /** The low-res windows of one run's fake pairs and real pairs. */
  private record Pairs(float[] fake, float[] real) {}

  /**
   * Runs one tower of {@code B} examples, real low-res views {@code real}; with a stage below, its
   * samples come from the producer, as in training.
   */
  private static Pairs lowResPairs(StageConfig c, StageBelowChain below, float[] real)
      throws Exception {
    Devices devices = Devices.local(1, 0);
    try (TrainingGraph graph = TrainingGraph.build(c, devices, B, 1,
        below == null ? null : below.levels(), Precision.FP32);
        Session session = new Session(graph.graph(), devices.sessionConfig())) {
      if (below != null) {
        below.restore(graph, devices, session);
      }
      var v = c.getVideo();
      var l = StageConfigs.lowResShape(c);
      String pairs = CrossReplicaMoments.towerScope(0) + "/" + c.getName() + "/";
      Optional<StageBelowProducer> producer = StageBelowProducer.start(graph, session, 7, 0);
      try (ReplicaFeed feed = new ReplicaFeed(
              TfRun.tensor(Shape.of(B, v.getFrames(), v.getHeight(), v.getWidth(), 3),
                  TfRun.gaussian(B * v.getFrames() * v.getHeight() * v.getWidth() * 3, 4)),
              TInt32.vectorOf(0, 3),
              TfRun.tensor(Shape.of(B, l.getFrames(), l.getHeight(), l.getWidth(), 3), real));
          TInt64 seed = TInt64.vectorOf(7, 0);
          Result r = StepRunner.feed(session.runner(), List.of(feed), seed)
              .fetch(pairs + SuperResStage.FAKE_LOW_RES)
              .fetch(pairs + SuperResStage.REAL_LOW_RES).run()) {
        assertEquals(below != null, producer.isPresent(), "a producer exactly with a stage below");
        return new Pairs(values(r.get(0)), values(r.get(1)));
      } finally {
        producer.ifPresent(StageBelowProducer::close);
      }
    }
  }

  private static float[] values(org.tensorflow.Tensor t) {
    TFloat32 f = (TFloat32) t;
    float[] out = new float[(int) f.shape().size()];
    f.copyTo(DataBuffers.of(out, false, false));
    assertTrue(out.length > 0);
    return out;
  }
}
