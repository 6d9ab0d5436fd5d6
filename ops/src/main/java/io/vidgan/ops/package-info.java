/**
 * TensorFlow Java building blocks for video GANs: weight initialisation, spectral normalisation,
 * per-frame (conditional) batch norm, ConvGRU, separable 3D convolution, residual blocks,
 * resampling and hinge losses.
 *
 * <p>Conventions shared by every block:
 *
 * <ul>
 *   <li>Videos are 5-D {@code [B, T, H, W, C]} (NDHWC) with static {@code T, H, W, C} and a
 *       dynamic batch; 2-D layers fold frames into the batch internally.
 *   <li>A constructor creates all variables of its block under {@code tf.withSubScope(name)} of
 *       the {@link LayerFactory} it is given. {@code apply(Ops tf, ...)} only adds ops, under the
 *       caller's scope: that is where device placement and replica name prefixes come from, so one
 *       set of variables serves many replicas on many devices.
 *   <li>All variables are {@code VariableV2} (ref) variables, because TF Java 1.1.0 saves only
 *       those in checkpoints and SavedModels. Variable names are the checkpoint format.
 * </ul>
 */
package io.vidgan.ops;
