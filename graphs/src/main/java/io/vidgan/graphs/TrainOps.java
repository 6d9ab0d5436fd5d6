package io.vidgan.graphs;

import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;

/**
 * The run targets and fetches of a stage's training graph.
 *
 * @param updateD one Adam step of all discriminators ({@code D_adam/update})
 * @param updateG one Adam step of G ({@code G_adam/update})
 * @param accumulateD adds a micro-batch's D gradient ({@code D_adam/accumulate}), or null when
 *     every update is one run
 * @param accumulateG the same for G ({@code G_adam/accumulate}), or null
 * @param ema the EMA of G, or null when disabled
 * @param lossD mean hinge loss of the discriminators ({@code loss/D})
 * @param lossDReal its real-video term ({@code loss/D_real})
 * @param lossDFake its fake-video term ({@code loss/D_fake})
 * @param lossG hinge loss of G ({@code loss/G_hinge})
 * @param gradNormD global norm of D's gradient ({@code D_adam/grad_norm})
 * @param gradNormG global norm of G's gradient ({@code G_adam/grad_norm})
 */
public record TrainOps(Op updateD, Op updateG, Op accumulateD, Op accumulateG, GeneratorEma ema,
    Operand<TFloat32> lossD, Operand<TFloat32> lossDReal, Operand<TFloat32> lossDFake, Operand<TFloat32> lossG,
    Operand<TFloat32> gradNormD, Operand<TFloat32> gradNormG) {}
