package io.vidgan.metrics;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.ops.Variables;
import io.vidgan.ops.WeightInit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.op.nn.AvgPool3d;
import org.tensorflow.op.nn.Conv3d;
import org.tensorflow.op.nn.MaxPool3d;
import org.tensorflow.op.random.RandomStandardNormal;
import org.tensorflow.types.TFloat32;

/**
 * The RGB Inflated 3D ConvNet (Inception-v1 inflated to 3-D) of deepmind/kinetics-i3d, at
 * inference, with the published checkpoints' variable names.
 *
 * <p>Carreira and Zisserman, 2017, <a href="https://arxiv.org/abs/1705.07750">Quo Vadis, Action
 * Recognition? A New Model and the Kinetics Dataset</a>, Sec. 2.4 and Fig. 3. Endpoints, kernels
 * and strides follow {@code InceptionI3d} in {@code i3d.py}: {@code Conv3d_1a_7x7} (stride 2),
 * {@code MaxPool3d_2a_3x3} (1,3,3)/(1,2,2), {@code Conv3d_2b_1x1}, {@code Conv3d_2c_3x3}, {@code
 * MaxPool3d_3a_3x3} (1,3,3)/(1,2,2), {@code Mixed_3b..3c}, {@code MaxPool3d_4a_3x3} (3,3,3)/(2,2,2),
 * {@code Mixed_4b..4f}, {@code MaxPool3d_5a_2x2} (2,2,2)/(2,2,2), {@code Mixed_5b..5c}, then
 * {@code Logits}: average pool (2,7,7) VALID, a 1x1x1 convolution with bias (dropout is the
 * identity at inference), spatial squeeze and the mean over time. All padding is TF {@code SAME}.
 *
 * <p>Outputs: the time-averaged logits (the FVD and IS feature, what the reference FVD reads as
 * {@code RGB/inception_i3d/Mean:0}) and the 1024-d pooled features, the average-pooled {@code
 * Mixed_5c} averaged over time (the FID feature, DVD-GAN's "avgpool"): since the logits layer is
 * linear, {@code logits = pooled * W + b}.
 *
 * <p>Input: {@code [B, T, 224, 224, 3]} in {@code [-1, 1]} (see {@link I3dPreprocessing}) with
 * {@code T >= 9}: the network strides time by 8 and its last pool needs 2 steps.
 */
public final class I3d {
  /** Fewest frames the network accepts. */
  public static final int MIN_FRAMES = 9;
  /** Frame height and width the logits pool expects. */
  public static final int IMAGE_SIZE = 224;
  /** Width of the pooled features. */
  public static final int FEATURES = 1024;
  /** Endpoints of {@code i3d.py}'s {@code VALID_ENDPOINTS}, in order. */
  public static final List<String> ENDPOINTS = List.of("Conv3d_1a_7x7", "MaxPool3d_2a_3x3",
      "Conv3d_2b_1x1", "Conv3d_2c_3x3", "MaxPool3d_3a_3x3", "Mixed_3b", "Mixed_3c",
      "MaxPool3d_4a_3x3", "Mixed_4b", "Mixed_4c", "Mixed_4d", "Mixed_4e", "Mixed_4f",
      "MaxPool3d_5a_2x2", "Mixed_5b", "Mixed_5c", "Logits", "Predictions");

  /** Branch widths {@code (b0, b1a, b1b, b2a, b2b, b3)} of each Mixed block, as in i3d.py. */
  private static final Map<String, int[]> MIXED = mixedWidths();

  private static final List<Long> UNIT_STRIDES = List.of(1L, 1L, 1L, 1L, 1L);

  /** The network's outputs for one input. */
  public record Outputs(Map<String, Operand<TFloat32>> endpoints, Operand<TFloat32> logits,
      Operand<TFloat32> pooled) {}

  private final I3dLayout layout;
  private final Map<String, Variable<TFloat32>> variables = new LinkedHashMap<>();
  private final Map<String, BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>>> layers =
      new LinkedHashMap<>();
  private final Variable<TFloat32> logitsKernel;
  private final Variable<TFloat32> logitsBias;

  /**
   * Creates every variable under {@code tf}'s scope plus {@code layout.scope()}, with random
   * He-normal weights and identity batch-norm statistics (replace them by restoring a checkpoint
   * into {@link #variables()}).
   *
   * @param seed seed of the random initial weights
   */
  public I3d(Ops tf, I3dLayout layout, long seed) {
    this.layout = layout;
    Ops net = tf;
    for (String part : layout.scope().isEmpty() ? new String[0] : layout.scope().split("/")) {
      net = net.withSubScope(part);
    }
    WeightInit init = heNormal(seed);
    int c = unit(net, "Conv3d_1a_7x7", init, 3, 64, 7, 2);
    maxPool("MaxPool3d_2a_3x3", 1, 1);
    c = unit(net, "Conv3d_2b_1x1", init, c, 64, 1, 1);
    c = unit(net, "Conv3d_2c_3x3", init, c, 192, 3, 1);
    maxPool("MaxPool3d_3a_3x3", 1, 1);
    c = mixed(net, "Mixed_3b", init, c);
    c = mixed(net, "Mixed_3c", init, c);
    maxPool("MaxPool3d_4a_3x3", 3, 2);
    for (String block : List.of("Mixed_4b", "Mixed_4c", "Mixed_4d", "Mixed_4e", "Mixed_4f")) {
      c = mixed(net, block, init, c);
    }
    layers.put("MaxPool3d_5a_2x2", (t, x) -> pool(t, "MaxPool3d_5a_2x2", x, 2, 2, 2));
    c = mixed(net, "Mixed_5b", init, c);
    c = mixed(net, "Mixed_5c", init, c);
    Ops logits = net.withSubScope("Logits").withSubScope("Conv3d_0c_1x1").withSubScope("conv_3d");
    this.logitsKernel = register(Variables.create(logits, "w",
        Shape.of(1, 1, 1, c, layout.classes()), init));
    this.logitsBias = register(Variables.constant(logits, "b", Shape.of(layout.classes()), 0f));
  }

  public I3dLayout layout() {
    return layout;
  }

  /** Every variable by its checkpoint name ({@code layout.name("Conv3d_1a_7x7/conv_3d/w")}...). */
  public Map<String, Variable<TFloat32>> variables() {
    return Collections.unmodifiableMap(variables);
  }

  /**
   * @param video {@code [B, T, 224, 224, 3]} in {@code [-1, 1]}, {@code T >= 9}
   * @return endpoints by name ({@code Logits} is {@code [B, classes]}, {@code Predictions} its
   *     softmax), the logits and the pooled features {@code [B, 1024]}
   */
  public Outputs apply(Ops tf, Operand<TFloat32> video) {
    Shape s = video.shape();
    checkArgument(s.numDimensions() == 5 && s.get(4) == 3,
        "I3D expects RGB videos [B, T, H, W, 3], got %s", s);
    checkArgument(s.get(1) >= MIN_FRAMES, "I3D needs at least %s frames per clip (it strides time"
        + " by 8 and its logits pool 2 steps), got %s frames", MIN_FRAMES, s.get(1));
    checkArgument(s.get(2) == IMAGE_SIZE && s.get(3) == IMAGE_SIZE,
        "I3D expects %sx%s frames (resize with I3dPreprocessing), got %s", IMAGE_SIZE, IMAGE_SIZE,
        s);
    Ops t = tf.withSubScope("inception_i3d");
    Map<String, Operand<TFloat32>> endpoints = new LinkedHashMap<>();
    Operand<TFloat32> x = video;
    for (Map.Entry<String, BiFunction<Ops, Operand<TFloat32>, Operand<TFloat32>>> layer :
        layers.entrySet()) {
      x = layer.getValue().apply(t, x);
      endpoints.put(layer.getKey(), x);
    }
    Ops head = t.withSubScope("Logits");
    Operand<TFloat32> pooled = head.nn.avgPool3d(x, List.of(1L, 2L, 7L, 7L, 1L), UNIT_STRIDES,
        "VALID", new AvgPool3d.Options[0]);
    Operand<TFloat32> perStep = head.nn.biasAdd(head.nn.conv3d(pooled, logitsKernel,
        UNIT_STRIDES, "SAME", new Conv3d.Options[0]), logitsBias);
    Operand<TFloat32> logits = timeMean(head, perStep);
    endpoints.put("Logits", logits);
    endpoints.put("Predictions", head.nn.softmax(logits));
    return new Outputs(Collections.unmodifiableMap(endpoints), logits, timeMean(head, pooled));
  }

  /** {@code [B, T', 1, 1, C] -> [B, C]}: squeeze space, average time. */
  private static Operand<TFloat32> timeMean(Ops tf, Operand<TFloat32> x) {
    return tf.math.mean(tf.squeeze(x, org.tensorflow.op.core.Squeeze.axis(List.of(2L, 3L))),
        tf.constant(1));
  }

  private int unit(Ops net, String name, WeightInit init, int in, int out, int k, int stride) {
    Unit3d unit = new Unit3d(net.withSubScope(name), name, layout, init, in, out, k, stride,
        this::register);
    layers.put(name, unit::apply);
    return out;
  }

  private int mixed(Ops net, String name, WeightInit init, int in) {
    MixedBlock block = new MixedBlock(net.withSubScope(name), name, layout, init, in,
        MIXED.get(name), this::register);
    layers.put(name, block::apply);
    return block.channels();
  }

  /** A SAME max pool with kernel and stride {@code (kt, 3, 3)/(st, 2, 2)}. */
  private void maxPool(String name, int kt, int st) {
    layers.put(name, (t, x) -> pool(t, name, x, kt, 3, st));
  }

  private static Operand<TFloat32> pool(Ops tf, String name, Operand<TFloat32> x, long kt, long k,
      long st) {
    return tf.withName(name).nn.maxPool3d(x, List.of(1L, kt, k, k, 1L), List.of(1L, st, 2L, 2L,
        1L), "SAME", new MaxPool3d.Options[0]);
  }

  private Variable<TFloat32> register(Variable<TFloat32> v) {
    variables.put(v.op().name(), v);
    return v;
  }

  /**
   * Random normal weights with standard deviation {@code sqrt(2 / fan_in)} (He et al., 2015),
   * seeded by {@code seed} and the variable's name; used for {@code random:SEED} smoke tests.
   */
  static WeightInit heNormal(long seed) {
    return (init, name, shape) -> {
      long fanIn = shape.size() / shape.get(shape.numDimensions() - 1);
      return init.math.mul(init.random.randomStandardNormal(init.constant(shape.asArray()),
              TFloat32.class, RandomStandardNormal.seed(seed),
              RandomStandardNormal.seed2((name.hashCode() & 0xffffffffL) | (1L << 32))),
          init.constant((float) Math.sqrt(2.0 / fanIn)));
    };
  }

  private static Map<String, int[]> mixedWidths() {
    Map<String, int[]> m = new LinkedHashMap<>();
    m.put("Mixed_3b", new int[] {64, 96, 128, 16, 32, 32});
    m.put("Mixed_3c", new int[] {128, 128, 192, 32, 96, 64});
    m.put("Mixed_4b", new int[] {192, 96, 208, 16, 48, 64});
    m.put("Mixed_4c", new int[] {160, 112, 224, 24, 64, 64});
    m.put("Mixed_4d", new int[] {128, 128, 256, 24, 64, 64});
    m.put("Mixed_4e", new int[] {112, 144, 288, 32, 64, 64});
    m.put("Mixed_4f", new int[] {256, 160, 320, 32, 128, 128});
    m.put("Mixed_5b", new int[] {256, 160, 320, 32, 128, 128});
    m.put("Mixed_5c", new int[] {384, 192, 384, 48, 128, 128});
    return Collections.unmodifiableMap(m);
  }
}
