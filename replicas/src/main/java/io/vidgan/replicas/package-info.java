/**
 * Data-parallel training: one graph with a tower per device (the replicas sharing a CPU are one
 * tower), gradients computed on each tower and summed into one Adam update, synchronous batch norm
 * through collectives, device placement fixed by a GraphDef rewrite, and the training loop with
 * atomic checkpoints, TensorBoard summaries and sample videos ({@code bin/train}). Replicas may
 * span the hosts of a TensorFlow gRPC cluster ({@code bin/worker}, {@code bin/train --cluster}),
 * each host reading its own replicas' data: {@link io.vidgan.replicas.ClusterSpec}, {@link
 * io.vidgan.replicas.ClusterServer}, {@link io.vidgan.replicas.ClusterSession}, {@link
 * io.vidgan.replicas.ReplicaHosts}, {@link io.vidgan.replicas.InputQueues}. Checkpoints are
 * scored while training ({@code --eval-every}) by a {@link io.vidgan.replicas.TrainingEvaluation}
 * that a module above provides ({@link io.vidgan.replicas.EvaluationProvider}).
 */
package io.vidgan.replicas;
