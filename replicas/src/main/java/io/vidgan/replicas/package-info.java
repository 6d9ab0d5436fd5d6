/**
 * Data-parallel training: one graph with a tower per replica device, gradients computed on each
 * replica and summed into one Adam update, synchronous batch norm through collectives, device
 * placement fixed by a GraphDef rewrite, and the training loop with atomic checkpoints, TensorBoard
 * summaries and sample videos ({@code bin/train}).
 */
package io.vidgan.replicas;
