package io.vidgan.replicas.devices;

import io.vidgan.ops.MomentsReducer;
import io.vidgan.ops.Scopes;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.GraphOperation;
import org.tensorflow.Operand;
import org.tensorflow.Output;
import org.tensorflow.TensorFlow;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * Synchronous batch norm: every tower's per-frame moments are averaged across all towers with
 * {@code CollectiveReduceV2} (merge Add, final Div), as HVG trains with "global-synchronous
 * BatchNorm". With equal per-tower batches the result equals the moments of the global batch.
 *
 * <p>All towers of one norm layer use the same instance key, derived from the layer's op name
 * without its {@code tower_k/} prefix; the backward collective uses that key plus {@link
 * #GRADIENT_KEY_OFFSET}. The gradient of a mean all-reduce is the mean all-reduce of the incoming
 * gradients; TF's C++ registry has none, so it is registered here. ({@code CollectiveReduceV3}
 * crashes TF 2.18 on CPU; V2 works.)
 */
public final class CrossReplicaMoments implements MomentsReducer {
  public static final int GROUP_KEY = 1;
  /** The scope prefix of the towers, {@code tower_k/}, which the instance keys ignore. */
  private static final String TOWER = "tower_";
  public static final int GRADIENT_KEY_OFFSET = 1 << 20;
  private static final String OP = "CollectiveReduceV2";

  private final int towers;
  private final Map<String, Integer> instanceKeys = new HashMap<>();

  public CrossReplicaMoments(int towers) {
    this.towers = towers;
    registerGradient();
  }

  /** The scope of tower {@code k}'s forward and backward passes. */
  public static String towerScope(int k) {
    return TOWER + k;
  }

  @Override
  public Operand<TFloat32> reduce(Ops tf, Operand<TFloat32> moments) {
    String layer = Scopes.path(tf).replaceFirst("^" + TOWER + "\\d+/", "");
    int key = instanceKeys.computeIfAbsent(layer, k -> instanceKeys.size() + 1);
    return allReduceMean(tf, moments, tf.constant(towers), tf.constant(key));
  }

  /**
   * Mean of {@code x} over a group of {@code size} devices, one op per device. No {@code
   * timeout_seconds}: TF would start a sleeping thread per launch (see {@code trainer.proto}).
   */
  public static Operand<TFloat32> allReduceMean(Ops tf, Operand<TFloat32> x, Operand<TInt32> size,
      Operand<TInt32> instanceKey) {
    GraphOperation op = (GraphOperation) tf.scope().opBuilder(OP, "cross_replica_mean")
        .addInput(x.asOutput())
        .addInput(size.asOutput())
        .addInput(tf.constant(GROUP_KEY).asOutput())
        .addInput(instanceKey.asOutput())
        .addInputList(new Output<?>[0])
        .setAttr("merge_op", "Add")
        .setAttr("final_op", "Div")
        .build();
    @SuppressWarnings("unchecked")
    Output<TFloat32> out = (Output<TFloat32>) (Output<?>) op.output(0);
    return out;
  }

  /** Registers the gradient once per process (a second registration returns false). */
  private static synchronized void registerGradient() {
    TensorFlow.registerCustomGradient(OP, (tf, op, grads) -> {
      @SuppressWarnings("unchecked")
      Operand<TFloat32> dy = (Operand<TFloat32>) grads.get(0);
      @SuppressWarnings("unchecked")
      Operand<TInt32> size = (Operand<TInt32>) op.input(1);
      @SuppressWarnings("unchecked")
      Operand<TInt32> key = (Operand<TInt32>) op.input(3);
      Operand<TInt32> gradKey = tf.math.add(key, tf.constant(GRADIENT_KEY_OFFSET));
      // The integer inputs get zero "gradients": TF Java <= 1.2 cannot return NoGradient.
      return List.of(allReduceMean(tf, dy, size, gradKey), tf.zerosLike(size),
          tf.zerosLike(op.input(2)), tf.zerosLike(key));
    });
  }
}
