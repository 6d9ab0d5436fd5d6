package io.vidgan.ops.grad;

import org.tensorflow.TensorFlow;
import org.tensorflow.op.nn.Conv3d;

/**
 * Registers the gradients vidgan's graphs need that TensorFlow's C++ registry lacks.
 *
 * <p>Registration is process-wide and idempotent: every graph-building entry point that may need a
 * custom gradient calls {@link #register()} first. TF Java <= 1.2.0 supports at most 10 custom
 * gradients per process and no "no gradient" results, so keep this list short.
 */
public final class CustomGradients {
  private static boolean registered;

  private CustomGradients() {}

  /** Registers every custom gradient once; later calls do nothing. */
  public static synchronized void register() {
    if (registered) {
      return;
    }
    TensorFlow.registerCustomGradient(Conv3d.Inputs.class, new Conv3dGradient());
    registered = true;
  }
}
