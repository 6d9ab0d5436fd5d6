package io.vidgan.graphs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.graphs.config.Presets;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.BuildMode;
import io.vidgan.ops.Scopes;
import io.vidgan.ops.testing.Closeness;
import io.vidgan.ops.testing.TfRun;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tensorflow.Graph;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

class InferenceGeneratorTest {
  private static final int B = 2;

  /** Runs a generator on fixed inputs; for chunked ones, feeds offset and states. */
  private static List<float[]> run(Session s, InferenceGenerator g, float[] z, int offset,
      List<float[]> states) {
    List<Tensor> fed = new ArrayList<>();
    try {
      TFloat32 zt = TfRun.tensor(Shape.of(B, g.config().getLatentDim()), z);
      TInt32 yt = TInt32.vectorOf(1, 3);
      fed.add(zt);
      fed.add(yt);
      Session.Runner r = s.runner().feed(g.z(), zt).feed(g.labels(), yt).fetch(g.video());
      if (g.frameOffset() != null) {
        TInt32 o = TInt32.scalarOf(offset);
        fed.add(o);
        r.feed(g.frameOffset(), o);
        for (int i = 0; i < g.states().size(); i++) {
          Shape shape = Shape.of(B, g.states().get(i).shape().get(1),
              g.states().get(i).shape().get(2), g.states().get(i).shape().get(3));
          TFloat32 st = states == null ? TfRun.tensor(shape, new float[(int) shape.size()])
              : TfRun.tensor(shape, states.get(i));
          fed.add(st);
          r.feed(g.states().get(i), st);
        }
        g.nextStates().forEach(r::fetch);
      }
      try (Result result = r.run()) {
        List<float[]> out = new ArrayList<>();
        for (int i = 0; i < result.size(); i++) {
          out.add(TfRun.values(result.get(i)));
        }
        return out;
      }
    } finally {
      fed.forEach(Tensor::close);
    }
  }

  @Test
  void twoChunksEqualOneLongUnroll() throws Exception {
    StageConfig c = Presets.load("tiny/lres");
    int t = c.getVideo().getFrames();
    float[] z = TfRun.gaussian(B * c.getLatentDim(), 4);
    float[] whole;
    Closeness rounding;
    try (Graph g = new Graph(); Session s = new Session(g)) {
      InferenceGenerator gen = new InferenceGenerator(g, Scopes.root(g), c,
          BuildMode.inference(), new InferenceGenerator.Options(2 * t, t, false));
      whole = run(s, gen, z, 0, null).get(0);
      rounding = Closeness.forward(g, c.getName(), 1);
    }
    try (Graph g = new Graph(); Session s = new Session(g)) {
      InferenceGenerator gen = new InferenceGenerator(g, Scopes.root(g), c,
          BuildMode.inference(), new InferenceGenerator.Options(t, t, true));
      List<float[]> first = run(s, gen, z, 0, null);
      List<float[]> second = run(s, gen, z, t, first.subList(1, first.size()));
      int frame = (int) (whole.length / (B * 2L * t));
      float[] chunked = new float[whole.length];
      for (int b = 0; b < B; b++) {
        for (int f = 0; f < 2 * t; f++) {
          float[] chunk = f < t ? first.get(0) : second.get(0);
          System.arraycopy(chunk, (b * t + f % t) * frame, chunked, (b * 2 * t + f) * frame,
              frame);
        }
      }
      rounding.assertClose(whole, chunked, "two chunks vs one unroll");
    }
  }

  @Test
  void checkpointNamesMapTrainableWeightsToTheEma() throws Exception {
    StageConfig c = Presets.load("tiny/lres");
    try (Graph g = new Graph()) {
      InferenceGenerator gen = new InferenceGenerator(g, Scopes.root(g), c,
          BuildMode.inference(), c.getVideo().getFrames());
      Map<String, Output<TFloat32>> ema = gen.checkpointNames(true, true);
      assertEquals("lres/generator/stem/kernel",
          ema.get("lres/generator_ema/stem/kernel").op().name());
      assertTrue(ema.containsKey("lres/generator/out_bn/moving_mean"), "statistics from G");
      assertTrue(ema.containsKey("lres/generator/stem/sn/u"), "u from G");
      Map<String, Output<TFloat32>> raw = gen.checkpointNames(false, false);
      assertTrue(raw.containsKey("lres/generator/stem/kernel"));
      assertTrue(!raw.containsKey("lres/generator/out_bn/moving_mean"),
          "statistics left out when re-estimated");
    }
  }
}
