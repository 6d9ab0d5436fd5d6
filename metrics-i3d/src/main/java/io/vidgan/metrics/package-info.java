/**
 * Video quality metrics with I3D: the Inflated 3D ConvNet ({@link io.vidgan.metrics.I3d}) with
 * the published checkpoints' names, loading of published weights ({@link
 * io.vidgan.metrics.I3dWeights}), the reference FVD preprocessing ({@link
 * io.vidgan.metrics.I3dPreprocessing}), streaming feature extraction ({@link
 * io.vidgan.metrics.FeatureExtractor}), Fréchet distance in float64 ({@link
 * io.vidgan.metrics.FrechetDistance}), Inception Score ({@link io.vidgan.metrics.InceptionScore}),
 * the StyleGAN-V/LongVideoGAN protocols ({@link io.vidgan.metrics.FvdProtocol}), cached real-data
 * statistics ({@link io.vidgan.metrics.StatsCache}), and {@code bin/eval-fvd} ({@link
 * io.vidgan.metrics.EvalFvd}) with its settings card ({@link io.vidgan.metrics.FvdReport}); the
 * train-time FVD of {@code bin/train --eval-every} ({@link io.vidgan.metrics.TrainingFvd}), which
 * implements the replicas module's evaluation contract.
 *
 * <p>FVD compares with published numbers only with the TF-Hub {@code i3d-kinetics-400} module and
 * the protocol's clip counts; see {@link io.vidgan.metrics.I3dWeights}.
 */
package io.vidgan.metrics;
