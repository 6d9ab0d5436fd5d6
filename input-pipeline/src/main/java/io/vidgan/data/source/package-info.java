/**
 * Dataset readers: TFRecord shards of {@code tf.train.SequenceExample} read in pure Java with
 * both CRCs checked, frame folders, LongVideoGAN ZIP shards, and video files decoded in-process by FFmpeg's libraries.
 * Open them through {@link io.vidgan.data.Datasets#open}.
 */
package io.vidgan.data.source;
