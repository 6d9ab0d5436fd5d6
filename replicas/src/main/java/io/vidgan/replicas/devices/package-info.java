/**
 * Where a run's replicas live: local devices and GPUs ({@link
 * io.vidgan.replicas.devices.Devices}, {@link io.vidgan.replicas.devices.LocalGpus}), the layout
 * of replicas, batch and micro-batches computed once ({@link
 * io.vidgan.replicas.devices.ReplicaLayout}), the hosts of a TensorFlow gRPC cluster ({@link
 * io.vidgan.replicas.devices.ClusterSpec}, {@link io.vidgan.replicas.devices.TfConfig}, {@link
 * io.vidgan.replicas.devices.ClusterServer}, {@link io.vidgan.replicas.devices.ClusterSession}),
 * the GraphDef rewrite that fixes placement ({@link io.vidgan.replicas.devices.DevicePlacement})
 * and the batch-norm moments averaged across towers ({@link
 * io.vidgan.replicas.devices.CrossReplicaMoments}). Nothing here knows the training loop.
 */
package io.vidgan.replicas.devices;
