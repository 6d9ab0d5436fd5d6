package io.vidgan.ops.optim;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.ops.Variables;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TBool;
import org.tensorflow.types.TFloat32;

/**
 * Dynamic loss scaling (Micikevicius et al., ICLR 2018, §3.2): the loss is multiplied by a scale
 * {@code S} before differentiation, so that gradients too small for fp16's 5 exponent bits stay
 * representable in reduced-precision products, and the gradients are divided by {@code S} in
 * float32. When any gradient is not finite the step is skipped ({@link
 * Optimizer#applyGradients(List, Operand, String)}: variables and optimizer state keep their
 * values) and {@code S} halves; after {@link Settings#growthInterval} consecutive finite steps
 * {@code S} doubles. As in TF's {@code LossScaleOptimizer}, {@code S} never halves below 1 and
 * doubles only while {@code 2S} is finite.
 *
 * <p>{@code S} and the count of finite steps are float32 variables {@value #SCALE} and {@value
 * #GOOD_STEPS} under the optimizer's scope, so checkpoints carry them and a resumed run goes on
 * with the scale it had. With {@code S} a power of two, scaling and unscaling are exact.
 *
 * @see <a href="https://arxiv.org/abs/1710.03740">Micikevicius et al., 2018, Mixed Precision
 *     Training</a>
 */
public final class DynamicLossScale {
  public static final String SCALE = "loss_scale";
  public static final String GOOD_STEPS = "good_steps";
  /** Growth intervals above this would not count exactly in a float32 variable. */
  public static final int MAX_GROWTH_INTERVAL = 1 << 24;

  /**
   * @param initial the first steps' scale, a power of two >= 1
   * @param growthInterval consecutive finite steps after which the scale doubles
   */
  public record Settings(float initial, int growthInterval) {
    /** {@code S = 2^15} doubling after 2000 finite steps, the usual fp16 setting. */
    public static final Settings DEFAULT = new Settings(0x1p15f, 2000);

    public Settings {
      checkArgument(isScale(initial),
          "initial loss scale must be a finite power of two >= 1, got %s", initial);
      checkArgument(growthInterval >= 1 && growthInterval <= MAX_GROWTH_INTERVAL,
          "growth interval must be in [1, %s], got %s", MAX_GROWTH_INTERVAL, growthInterval);
    }

    /** Whether {@code s} can be a scale: a finite power of two >= 1 (scaling is then exact). */
    public static boolean isScale(double s) {
      return s >= 1 && s <= Float.MAX_VALUE && s == Math.scalb(1.0, Math.getExponent(s));
    }
  }

  /**
   * One step's verdict on its gradients.
   *
   * @param finite whether every gradient is finite (the step applies them)
   * @param nextScale the scale of the next step
   * @param nextGoodSteps the count of consecutive finite steps after this one
   */
  public record Check(Operand<TBool> finite, Operand<TFloat32> nextScale,
      Operand<TFloat32> nextGoodSteps) {}

  private final Ops tf;
  private final Settings settings;
  private final Variable<TFloat32> scale;
  private final Variable<TFloat32> goodSteps;

  /** @param tf the optimizer's scope ({@code G_adam}, {@code D_adam}) */
  public DynamicLossScale(Ops tf, Settings settings) {
    this.tf = tf;
    this.settings = settings;
    this.scale = Variables.constant(tf, SCALE, Shape.scalar(), settings.initial());
    this.goodSteps = Variables.constant(tf, GOOD_STEPS, Shape.scalar(), 0f);
  }

  /** {@code loss * S}: what to differentiate. */
  public Operand<TFloat32> scaled(Operand<TFloat32> loss) {
    return tf.math.mul(loss, scale);
  }

  /** The gradients of the scaled loss divided by {@code S}: the loss's gradients, in float32. */
  public List<GradAndVar> unscaled(List<GradAndVar> scaled) {
    List<GradAndVar> out = new ArrayList<>(scaled.size());
    for (GradAndVar gv : scaled) {
      out.add(new GradAndVar(tf.math.div(gv.gradient(), scale), gv.variable()));
    }
    return out;
  }

  /** Whether every element of {@code gradients} is finite, and the scale that follows. */
  public Check check(List<GradAndVar> gradients) {
    List<Operand<TBool>> each = new ArrayList<>(gradients.size());
    for (GradAndVar gv : gradients) {
      Operand<TBool> f = tf.math.isFinite(gv.gradient());
      each.add(tf.reduceAll(f, tf.range(tf.constant(0), tf.rank(f), tf.constant(1))));
    }
    Operand<TBool> finite = tf.reduceAll(tf.stack(each), tf.constant(0));
    Operand<TFloat32> counted = tf.math.add(goodSteps, tf.constant(1f));
    Operand<TBool> reached = tf.math.greaterEqual(counted,
        tf.constant((float) settings.growthInterval()));
    Operand<TFloat32> doubled = tf.math.mul(scale, tf.constant(2f));
    Operand<TFloat32> grown = tf.select(tf.math.logicalAnd(reached, tf.math.isFinite(doubled)),
        doubled, scale);
    Operand<TFloat32> halved = tf.math.maximum(tf.math.div(scale, tf.constant(2f)),
        tf.constant(1f));
    Operand<TFloat32> zero = tf.constant(0f);
    Operand<TFloat32> next = tf.select(finite, grown, halved);
    Operand<TFloat32> good = tf.select(finite, tf.select(reached, zero, counted), zero);
    return new Check(finite, next, good);
  }

  /** An op named {@code name} that runs {@code update}, then sets the scale {@code check} chose. */
  public Op adjustAfter(Op update, Check check, String name) {
    Ops after = tf.withControlDependencies(List.of(update));
    List<Op> sets = List.of(after.assign(scale, check.nextScale()),
        after.assign(goodSteps, check.nextGoodSteps()));
    return tf.withControlDependencies(sets).withName(name).noOp();
  }
}
