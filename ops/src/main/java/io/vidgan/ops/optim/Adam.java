package io.vidgan.ops.optim;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;

/**
 * Adam on {@code VariableV2} variables, through TF's fused {@code ApplyAdam} kernel.
 *
 * <p>Slots {@code <var>-m} and {@code <var>-v}; the bias corrections use {@code beta1_power} and
 * {@code beta2_power}, which are multiplied by the betas after every step. {@code epsilon} is
 * "epsilon hat" of the formula just before Section 2.1 of the paper, not the epsilon of Algorithm 1.
 * DVD-GAN and SSW-GAN train with learning rates 1e-4 (G) and 5e-4 (D); beta1 = 0 follows BigGAN.
 *
 * @see <a href="https://arxiv.org/abs/1412.6980">Kingma et al., 2014, Adam: A Method for Stochastic
 *     Optimization</a>
 */
public final class Adam extends Optimizer {
  public static final float LEARNING_RATE_DEFAULT = 1e-4f;
  public static final float BETA_ONE_DEFAULT = 0f;
  public static final float BETA_TWO_DEFAULT = 0.999f;
  public static final float EPSILON_DEFAULT = 1e-8f;
  public static final String FIRST_MOMENT = "m";
  public static final String SECOND_MOMENT = "v";
  public static final String BETA_ONE_POWER = "beta1_power";
  public static final String BETA_TWO_POWER = "beta2_power";

  private final float learningRate;
  private final float betaOne;
  private final float betaTwo;
  private final float epsilon;
  private final Map<String, Variable<TFloat32>[]> slots = new HashMap<>();
  private Variable<TFloat32> betaOnePower;
  private Variable<TFloat32> betaTwoPower;
  private Operand<TFloat32> stepRate;
  private Operand<TFloat32> stepBetaOne;
  private Operand<TFloat32> stepBetaTwo;

  public Adam(Ops tf, float learningRate) {
    this(tf, learningRate, BETA_ONE_DEFAULT, BETA_TWO_DEFAULT, EPSILON_DEFAULT);
  }

  /** @param tf the optimizer's scope, e.g. {@code tf.withSubScope("G_adam")} */
  public Adam(Ops tf, float learningRate, float betaOne, float betaTwo, float epsilon) {
    super(tf);
    checkArgument(learningRate > 0, "learning rate must be positive, got %s", learningRate);
    checkArgument(betaOne >= 0 && betaOne < 1, "beta1 must be in [0, 1), got %s", betaOne);
    checkArgument(betaTwo >= 0 && betaTwo < 1, "beta2 must be in [0, 1), got %s", betaTwo);
    checkArgument(epsilon > 0, "epsilon must be positive, got %s", epsilon);
    this.learningRate = learningRate;
    this.betaOne = betaOne;
    this.betaTwo = betaTwo;
    this.epsilon = epsilon;
  }

  @Override
  @SuppressWarnings("unchecked")
  protected void createSlots(List<Output<TFloat32>> variables) {
    for (Output<TFloat32> v : variables) {
      slots.put(v.op().name(), new Variable[] {
          createSlot(v, FIRST_MOMENT, 0f), createSlot(v, SECOND_MOMENT, 0f)});
    }
    betaOnePower = createScalar(BETA_ONE_POWER, betaOne);
    betaTwoPower = createScalar(BETA_TWO_POWER, betaTwo);
  }

  /**
   * The step's learning rate and betas; a skipped step uses 0, 1 and 1, under which {@code
   * ApplyAdam} of a zero gradient is the identity: {@code m + (0 - m)(1 - 1) = m}, likewise
   * {@code v}, {@code var - (0 * m) / (sqrt(v) + epsilon) = var} (every term finite), and the
   * beta powers are multiplied by 1.
   */
  @Override
  protected void prepare() {
    stepRate = chosen(learningRate, 0f);
    stepBetaOne = chosen(betaOne, 1f);
    stepBetaTwo = chosen(betaTwo, 1f);
  }

  /** {@code value}, or {@code skipped} on a skipped step. */
  private Operand<TFloat32> chosen(float value, float skipped) {
    Ops tf = tf();
    return when().<Operand<TFloat32>>map(w -> tf.select(w, tf.constant(value),
        tf.constant(skipped))).orElseGet(() -> tf.constant(value));
  }

  @Override
  protected Op applyDense(Operand<TFloat32> gradient, Output<TFloat32> variable) {
    Variable<TFloat32>[] mv = slots.get(variable.op().name());
    Ops tf = tf();
    return tf.train.applyAdam(variable, mv[0], mv[1], betaOnePower, betaTwoPower,
        stepRate, stepBetaOne, stepBetaTwo, tf.constant(epsilon), gradient);
  }

  @Override
  protected Op finish(List<Op> updates, String name) {
    Ops after = tf().withControlDependencies(updates);
    Op one = after.assign(betaOnePower, after.math.mul(betaOnePower, stepBetaOne));
    Op two = after.assign(betaTwoPower, after.math.mul(betaTwoPower, stepBetaTwo));
    return tf().withControlDependencies(List.of(one, two)).withName(name).noOp();
  }

  @Override
  public String getOptimizerName() {
    return "Adam";
  }
}
