/**
 * TensorFlow checkpoints (format V2, "tensor bundle"): list the tensors of a checkpoint prefix
 * without loading it ({@link io.vidgan.ops.io.CheckpointIndex}), and restore chosen tensors by
 * name into float variables of any graph ({@link io.vidgan.ops.io.CheckpointRestorer}).
 *
 * <p>A checkpoint prefix {@code P} is the files {@code P.index} (a sorted string table mapping
 * tensor names to {@code BundleEntryProto}s, plus a {@code BundleHeaderProto} under the empty key)
 * and {@code P.data-0000i-of-0000N} (the tensor bytes). Both {@code Session.save} and Python's
 * {@code tf.train.Saver} / {@code tf.train.Checkpoint} write this format.
 */
package io.vidgan.ops.io;
