/**
 * Data-parallel training ({@code bin/train}, {@code bin/worker}): one graph with a tower per
 * device (the replicas sharing a CPU are one tower), gradients computed on each tower and summed
 * into one Adam update, the step declared once ({@link io.vidgan.replicas.StepOps}, {@link
 * io.vidgan.replicas.StepRunner}), and the training loop with atomic checkpoints, TensorBoard
 * summaries and the divergence watchdog ({@link io.vidgan.replicas.Trainer}). Replicas may span
 * the hosts of a TensorFlow gRPC cluster, each host reading its own replicas' data ({@link
 * io.vidgan.replicas.ReplicaHosts}, {@link io.vidgan.replicas.InputQueues}, {@link
 * io.vidgan.replicas.TaskInputFeeder}); a chief and its workers heal after a restart ({@link
 * io.vidgan.replicas.ClusterMembership}, {@link io.vidgan.replicas.ServedChief}).
 *
 * <p>Below this package, each used by it and by nothing beside it: {@link
 * io.vidgan.replicas.devices} (where replicas run: devices, the replica layout, cluster specs,
 * servers and sessions, synchronous batch norm, placement), {@link io.vidgan.replicas.samples}
 * (the EMA generator's sample videos) and {@link io.vidgan.replicas.evaluation} (the contract of
 * train-time metrics that a module above provides, on the samples' generator).
 */
package io.vidgan.replicas;
