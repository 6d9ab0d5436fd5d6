package io.vidgan.graphs;

import io.vidgan.ops.Scopes;
import io.vidgan.ops.Variables;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * An exponential moving average of G's trainable weights, sampled from instead of G (DVD-GAN App.
 * B.3: decay 0.9999 from step 20000; BigGAN). Shadow {@code <stage>/generator_ema/<path>} mirrors
 * {@code <stage>/generator/<path>}.
 *
 * <p>{@code update} computes {@code ema -= (1 - decay) (ema - w)} with {@code decay} fed per step:
 * the trainer feeds 0 before the start step, which copies the weights.
 */
public final class GeneratorEma {
  public static final String SCOPE = "generator_ema";

  private final Placeholder<TFloat32> decay;
  private final Op update;

  /**
   * @param tf the root scope (from {@link Scopes#root})
   * @param stage the stage's scope name
   * @param generatorVariables G's trainable variables, all under {@code <stage>/generator/}
   */
  public GeneratorEma(Ops tf, String stage, List<Output<TFloat32>> generatorVariables) {
    Ops ema = tf.withSubScope(SCOPE + "_update");
    this.decay = ema.withName("decay").placeholder(TFloat32.class,
        Placeholder.shape(Shape.scalar()));
    Operand<TFloat32> rate = ema.math.sub(ema.constant(1f), decay);
    List<Op> updates = new ArrayList<>();
    for (Output<TFloat32> w : generatorVariables) {
      String shadowName = shadowName(stage, w.op().name());
      int slash = shadowName.lastIndexOf('/');
      Variable<TFloat32> shadow = Variables.constant(Scopes.at(tf, shadowName.substring(0, slash)),
          shadowName.substring(slash + 1), w.shape(), 0f);
      updates.add(ema.assignSub(shadow, ema.math.mul(rate, ema.math.sub(shadow, w))));
    }
    this.update = ema.withControlDependencies(updates).withName("update").noOp();
  }

  /** Name of the shadow of generator variable {@code name} of stage {@code stage}. */
  public static String shadowName(String stage, String name) {
    String prefix = stage + "/" + Generator.SCOPE + "/";
    if (!name.startsWith(prefix)) {
      throw new IllegalArgumentException(name + " is not a variable of " + prefix);
    }
    return stage + "/" + SCOPE + "/" + name.substring(prefix.length());
  }

  /** Scalar decay fed with every run of {@link #update()}. */
  public Placeholder<TFloat32> decay() {
    return decay;
  }

  public Op update() {
    return update;
  }
}
