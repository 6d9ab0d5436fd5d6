package io.vidgan.metrics;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Computes FVD (and optionally FID and IS) between a real and a generated {@link ClipSource}:
 * streams both through I3D, takes the real statistics from the cache when an entry matches
 * (dataset, protocol, real stride, clip count, seed, resolution, weights hash, preprocessing) and
 * stores them otherwise, and writes the settings card ({@link FvdReport}). Real statistics are also
 * kept in memory, so repeated runs against the same real clips ({@code --runs}) embed them once.
 */
public final class FvdEvaluation {
  /** Bump when anything that changes features changes, so old cache entries stop matching. */
  static final String FEATURES_VERSION = "1";

  private final I3dWeights weights;
  private final FvdSettings settings;
  private final Optional<StatsCache> cache;
  private final Map<String, ClipFeatures> realSeen = new HashMap<>();

  public FvdEvaluation(I3dWeights weights, FvdSettings settings, Optional<StatsCache> cache) {
    this.weights = weights;
    this.settings = settings;
    this.cache = cache;
  }

  /** Runs the evaluation with I3D built for the protocol's clip length. */
  public FvdReport run(ClipSource real, ClipSource generated) throws IOException {
    try (I3dEmbedder embedder = new I3dEmbedder(weights, settings.protocol().frames())) {
      return run(embedder, real, generated);
    }
  }

  /** Runs the evaluation with an existing embedder (for {@code weights} and the protocol). */
  public FvdReport run(I3dEmbedder embedder, ClipSource real, ClipSource generated)
      throws IOException {
    FeatureExtractor extractor = new FeatureExtractor(embedder, settings.batch());
    String key = realStatisticsKey(real, settings.protocol().id(), settings.real().stride(),
        settings.clips(), settings.seed(), weights);
    Optional<ClipFeatures> cached = Optional.ofNullable(realSeen.get(key));
    if (cached.isEmpty() && cache.isPresent()) {
      cached = cache.get().load(key);
    }
    ClipFeatures realFeatures = cached.isPresent() ? cached.get()
        : extractor.extract(real, "real clips");
    realSeen.put(key, realFeatures);
    Optional<String> cacheFile = Optional.empty();
    if (cache.isPresent()) {
      cacheFile = Optional.of((cached.isPresent() ? cache.get().file(key)
          : cache.get().store(key, realFeatures)).toString());
    }
    ClipFeatures fakeFeatures = extractor.extract(generated, "generated clips");
    checkEnough("real", realFeatures.count(), real);
    checkEnough("generated", fakeFeatures.count(), generated);
    CovarianceEstimator cov = settings.covariance();
    double fvd = FrechetDistance.between(realFeatures.logits(), fakeFeatures.logits(), cov);
    OptionalDouble fid = settings.fid()
        ? OptionalDouble.of(FrechetDistance.between(realFeatures.pooled(),
            fakeFeatures.pooled(), cov))
        : OptionalDouble.empty();
    Optional<InceptionScore.Score> is = settings.inceptionScore()
        ? Optional.of(InceptionScore.fromLogits(fakeFeatures.allLogits(), fakeFeatures.count(),
            fakeFeatures.classes(), Math.min(InceptionScore.SPLITS_DEFAULT,
                fakeFeatures.count())))
        : Optional.empty();
    FvdReport.Side realSide = new FvdReport.Side(real.description(), real.resolution(),
        realFeatures.count(), cached.isPresent(), cacheFile);
    FvdReport.Side fakeSide = new FvdReport.Side(generated.description(),
        generated.resolution(), fakeFeatures.count(), false, Optional.empty());
    List<String> warnings = warnings(realSide.clips(), fakeSide.clips());
    boolean comparable = weights.comparableWithPublished()
        && realSide.clips() == settings.protocol().videos()
        && fakeSide.clips() == settings.protocol().videos();
    return new FvdReport(settings, weights, realSide, fakeSide, fvd, fid, is, comparable,
        warnings);
  }

  /**
   * The cache key of real statistics: which clips (source, resolution, protocol, stride in the
   * real data, count, seed), and how they were embedded (weights, preprocessing, features).
   */
  static String realStatisticsKey(ClipSource real, String protocol, int realStride, int clips,
      long seed, I3dWeights weights) throws IOException {
    return StatsCache.key(Json.object(
        "real", real.description(),
        "resolution", real.resolution(),
        "protocol", protocol,
        "real_stride", realStride,
        "clips", clips,
        "seed", seed,
        "i3d_sha256", weights.sha256(),
        "preprocessing", I3dPreprocessing.DESCRIPTION,
        "features_version", FEATURES_VERSION));
  }

  static void checkEnough(String side, int clips, ClipSource source) throws IOException {
    if (clips < 2) {
      throw new IOException("only " + clips + " usable " + side + " clip(s) of "
          + source.frames() + " frames in " + source.description() + ": FVD needs at least 2");
    }
  }

  private List<String> warnings(int realClips, int fakeClips) {
    List<String> w = new ArrayList<>();
    int protocolClips = settings.protocol().videos();
    if (weights.kind() != I3dWeights.Kind.TF_HUB_MODULE) {
      w.add(weights.comparability());
    }
    if (realClips != protocolClips || fakeClips != protocolClips) {
      w.add(String.format(Locale.ROOT, "%d real and %d generated clips, not the protocol's %d per"
          + " side: not comparable with published %s values (FVD grows as clips get fewer)",
          realClips, fakeClips, protocolClips, settings.protocol().id()));
    }
    if (Math.min(realClips, fakeClips) < FvdSettings.FEW_CLIPS) {
      w.add("fewer than " + FvdSettings.FEW_CLIPS + " clips per side: estimates vary a lot;"
          + " repeat with other --seed values and report the spread");
    }
    return w;
  }
}
