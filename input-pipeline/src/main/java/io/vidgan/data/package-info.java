/**
 * Video datasets in, training batches out: readers for TFRecord shards, frame folders, ZIP shards
 * and video files, the built-in procedural dataset, clip and window-pair sampling, shuffling,
 * per-replica sharding and background prefetch.
 */
package io.vidgan.data;
