package io.vidgan.ops;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TFloat32;

/**
 * A convolutional GRU unrolled over the frames of a video (DVD-GAN §3.1), with 3x3 convolutions:
 *
 * <pre>
 * r = sigmoid(W_r * [h; x] + b_r)        (reset)
 * u = sigmoid(W_u * [h; x] + b_u)        (update)
 * c = relu(W_c * [x; r . h] + b_c)       (candidate)
 * h' = u . h + (1 - u) . c
 * </pre>
 *
 * <p>The state starts at zero. Since convolution is linear in its input channels, the {@code x}
 * halves of the three convolutions are computed for all frames in one batched convolution and only
 * the {@code h} halves run step by step; the reset and update gates share one step convolution.
 * The result is the same as convolving the concatenations frame by frame.
 *
 * @see <a href="https://arxiv.org/abs/1907.06571">Clark et al., 2019, Adversarial Video Generation
 *     on Complex Datasets</a>
 */
public final class ConvGru {
  public static final int KERNEL = 3;

  private final String name;
  private final int in;
  private final int hidden;
  private final Operand<TFloat32> reset;
  private final Operand<TFloat32> update;
  private final Operand<TFloat32> candidate;
  private final Operand<TFloat32> resetBias;
  private final Operand<TFloat32> updateBias;
  private final Operand<TFloat32> candidateBias;
  private final Precision precision;

  /**
   * @param in channels of the input {@code x}
   * @param hidden channels of the state {@code h} (and of the output)
   */
  public ConvGru(LayerFactory parent, String name, int in, int hidden) {
    LayerFactory.checkPositive("in channels", in);
    LayerFactory.checkPositive("hidden channels", hidden);
    LayerFactory f = parent.child(name);
    this.name = name;
    this.in = in;
    this.hidden = hidden;
    Shape gate = Shape.of(KERNEL, KERNEL, in + hidden, hidden);
    LayerFactory r = f.child("reset");
    LayerFactory u = f.child("update");
    LayerFactory c = f.child("candidate");
    this.reset = r.kernel(gate);
    this.resetBias = r.bias(hidden);
    this.update = u.kernel(gate);
    this.updateBias = u.bias(hidden);
    this.candidate = c.kernel(gate);
    this.candidateBias = c.bias(hidden);
    this.precision = f.precision();
  }

  /**
   * @param x {@code [B, T, H, W, in]}
   * @return the states {@code h_1..h_T}, {@code [B, T, H, W, hidden]}, from a zero initial state
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x) {
    return apply(tf, x, null);
  }

  /**
   * Continues from {@code h0} (the last state of a previous chunk), so that a long video can be
   * generated chunk by chunk in constant memory.
   *
   * @param x {@code [B, T, H, W, in]}
   * @param h0 {@code [B, H, W, hidden]}, or null for the zero state
   * @return the states {@code h_1..h_T}, {@code [B, T, H, W, hidden]}
   */
  public Operand<TFloat32> apply(Ops tf, Operand<TFloat32> x, Operand<TFloat32> h0) {
    Shape s = Resample.checkVideo(x);
    checkArgument(s.get(4) == in, "%s expects %s channels, got %s", name, in, s);
    Ops t = tf.withSubScope(name);
    int frames = (int) s.get(1);
    // Gate kernels take [h; x]; the candidate takes [x; r.h].
    Operand<TFloat32> gatesX = t.concat(List.of(slice(t, reset, hidden, in),
        slice(t, update, hidden, in), slice(t, candidate, 0, in)), t.constant(3));
    Operand<TFloat32> gatesH = t.concat(List.of(slice(t, reset, 0, hidden),
        slice(t, update, 0, hidden)), t.constant(3));
    Operand<TFloat32> candidateH = slice(t, candidate, in, hidden);
    Operand<TFloat32> bias = t.concat(List.of(resetBias, updateBias, candidateBias),
        t.constant(0));
    Operand<TFloat32> fromX = Resample.unfoldFrames(t, t.math.add(
        conv(t, Resample.foldFrames(t, x), gatesX), bias), frames);
    List<Operand<TFloat32>> xSteps = new ArrayList<>(t.unstack(fromX, (long) frames,
        org.tensorflow.op.core.Unstack.axis(1L)).output());
    Operand<TFloat32> h = h0 != null ? h0 : t.zerosLike(sliceChannels(t, xSteps.get(0), 0,
        hidden));
    List<Operand<TFloat32>> states = new ArrayList<>(frames);
    for (int step = 0; step < frames; step++) {
      Ops st = t.withSubScope("step_" + step);
      Operand<TFloat32> xs = xSteps.get(step);
      Operand<TFloat32> ru = st.math.sigmoid(st.math.add(conv(st, h, gatesH),
          sliceChannels(st, xs, 0, 2 * hidden)));
      Operand<TFloat32> r = sliceChannels(st, ru, 0, hidden);
      Operand<TFloat32> u = sliceChannels(st, ru, hidden, hidden);
      Operand<TFloat32> c = st.nn.relu(st.math.add(conv(st, st.math.mul(r, h), candidateH),
          sliceChannels(st, xs, 2 * hidden, hidden)));
      h = st.math.add(st.math.mul(u, h), st.math.mul(st.math.sub(st.constant(1f), u), c));
      states.add(h);
    }
    return t.stack(states, org.tensorflow.op.core.Stack.axis(1L));
  }

  private Operand<TFloat32> conv(Ops tf, Operand<TFloat32> x, Operand<TFloat32> kernel) {
    return precision.product(tf, Conv2d::convolve, x, kernel);
  }

  /** Input channels {@code [from, from + n)} of a {@code [k, k, C_in, C_out]} kernel. */
  private static Operand<TFloat32> slice(Ops tf, Operand<TFloat32> kernel, int from, int n) {
    return tf.slice(kernel, tf.constant(new int[] {0, 0, from, 0}),
        tf.constant(new int[] {-1, -1, n, -1}));
  }

  /** Channels {@code [from, from + n)} of a {@code [N, H, W, C]} tensor. */
  private static Operand<TFloat32> sliceChannels(Ops tf, Operand<TFloat32> x, int from, int n) {
    return tf.slice(x, tf.constant(new int[] {0, 0, 0, from}),
        tf.constant(new int[] {-1, -1, -1, n}));
  }
}
