/**
 * Data-parallel training: one graph with a tower per replica device, gradients computed on each
 * replica and summed into one Adam update, synchronous batch norm through collectives, device
 * placement fixed by a GraphDef rewrite, and the training loop with atomic checkpoints, TensorBoard
 * summaries and sample videos ({@code bin/train}). Replicas may span the hosts of a TensorFlow gRPC
 * cluster ({@code bin/worker}, {@code bin/train --cluster}): {@link io.vidgan.replicas.ClusterSpec},
 * {@link io.vidgan.replicas.ClusterServer}, {@link io.vidgan.replicas.ClusterSession}, {@link
 * io.vidgan.replicas.ReplicaHosts}.
 */
package io.vidgan.replicas;
