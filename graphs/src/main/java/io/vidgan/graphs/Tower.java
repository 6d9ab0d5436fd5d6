package io.vidgan.graphs;

import io.vidgan.ops.GanLosses.DiscriminatorLoss;
import org.tensorflow.Operand;
import org.tensorflow.types.TFloat32;

/**
 * One replica's forward pass: the generated videos and both losses.
 *
 * @param fake {@code [b, T, H, W, 3]} generated videos
 * @param discriminatorLoss hinge loss of all discriminators on the replica's real and fake videos
 * @param generatorLoss hinge loss of G on the replica's fake videos
 * @param realScore the discriminators' mean score of the real videos ({@link
 *     StageLoss#meanScore})
 * @param fakeScore the same for the fake videos
 */
public record Tower(Operand<TFloat32> fake, DiscriminatorLoss discriminatorLoss,
    Operand<TFloat32> generatorLoss, Operand<TFloat32> realScore, Operand<TFloat32> fakeScore) {}
