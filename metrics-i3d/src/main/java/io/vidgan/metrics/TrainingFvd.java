package io.vidgan.metrics;

import io.vidgan.replicas.evaluation.GeneratedClips;
import io.vidgan.replicas.evaluation.TrainingEvaluation;
import java.io.IOException;
import java.util.Optional;

/**
 * FVD while a stage trains ({@code bin/train --eval-every}): a checkpoint's generated clips
 * against the run's data under a {@link TrainingFvdProtocol}, as LongVideoGAN scores each
 * checkpoint of a run (its {@code metric_main.py}, FVD of the single network being trained) and
 * StyleGAN-V (Sec. 4) keeps the checkpoint with the best FVD<sub>16</sub>.
 *
 * <p>The real statistics are computed at the first score, from as many real clips as generated
 * ones, and cached in the run directory ({@value #CACHE_DIR}, a {@link StatsCache} keyed by the
 * clips, protocol and weights), so a resumed run reuses them. I3D is built once for the run.
 * Covariances are unbiased (N-1), as the reference FVD computes them.
 */
final class TrainingFvd implements TrainingEvaluation {
  /** Where the run's real statistics are cached, relative to the run directory. */
  static final String CACHE_DIR = "fvd-stats";
  /** Clips per I3D run. */
  private static final int BATCH = 8;

  private final I3dWeights weights;
  private final TrainingFvdProtocol protocol;
  private final RunDataClips real;
  private final int realStride;
  private final long seed;
  private final StatsCache cache;
  private final I3dEmbedder embedder;
  private ClipFeatures realFeatures;

  /** @param embedder built for {@code protocol.i3dFrames()} with {@code weights}; closed here */
  TrainingFvd(I3dWeights weights, TrainingFvdProtocol protocol, RunDataClips real,
      int realStride, long seed, StatsCache cache, I3dEmbedder embedder) {
    this.weights = weights;
    this.protocol = protocol;
    this.real = real;
    this.realStride = realStride;
    this.seed = seed;
    this.cache = cache;
    this.embedder = embedder;
  }

  @Override
  public Measure measure() {
    return new Measure("metrics/fvd", protocol.id(), weights.sha256());
  }

  @Override
  public double score(GeneratedClips clips) throws IOException {
    FeatureExtractor extractor = new FeatureExtractor(embedder, BATCH);
    ClipFeatures realSide = realFeatures(extractor);
    ClipSource fake = new CheckpointClips(clips, protocol);
    ClipFeatures fakeSide = extractor.extract(fake, "FVD: generated clips");
    FvdEvaluation.checkEnough("generated", fakeSide.count(), fake);
    return FrechetDistance.between(realSide.logits(), fakeSide.logits(),
        CovarianceEstimator.UNBIASED);
  }

  /** The real statistics: kept after the first score, cached on disk across restarts. */
  private ClipFeatures realFeatures(FeatureExtractor extractor) throws IOException {
    if (realFeatures == null) {
      String key = FvdEvaluation.realStatisticsKey(real, protocol.id(), realStride,
          protocol.clips(), seed, weights);
      Optional<ClipFeatures> cached = cache.load(key);
      realFeatures = cached.isPresent() ? cached.get() : extractor.extract(real, "FVD: real clips");
      FvdEvaluation.checkEnough("real", realFeatures.count(), real);
      if (cached.isEmpty()) {
        cache.store(key, realFeatures);
      }
    }
    return realFeatures;
  }

  @Override
  public void close() {
    real.close();
    embedder.close();
  }
}
