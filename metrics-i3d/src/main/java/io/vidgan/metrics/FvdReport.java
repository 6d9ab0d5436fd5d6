package io.vidgan.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.tensorflow.TensorFlow;

/**
 * The result of an FVD evaluation with its settings card: everything needed to reproduce the
 * number or to tell whether two numbers compare (weights hash, preprocessing, protocol, counts,
 * seed, covariance normalisation).
 *
 * @param comparable whether the FVD compares with published numbers: the reference weights and
 *     the protocol's clip counts
 * @param warnings why it may not compare, and other caveats
 */
public record FvdReport(FvdSettings settings, I3dWeights weights, Side real, Side fake,
    double fvd, OptionalDouble fid, Optional<InceptionScore.Score> inceptionScore,
    boolean comparable, List<String> warnings) {
  /**
   * One side of the comparison.
   *
   * @param cache where its statistics were cached, or empty
   */
  public record Side(String source, String resolution, int clips, boolean fromCache,
      Optional<String> cache) {
    Map<String, Object> toJson() {
      Map<String, Object> m = Json.object("source", source, "resolution", resolution, "clips",
          clips, "statistics_from_cache", fromCache);
      cache.ifPresent(c -> m.put("cache_file", c));
      return m;
    }
  }

  /** The metric's name, e.g. {@code fvd2048_16f}. */
  public String metric() {
    return settings.protocol().id();
  }

  /** The report as JSON, for {@code --out=metrics.json}. */
  public String toJson() {
    return Json.write(toMap());
  }

  /** The report as a JSON object. */
  Map<String, Object> toMap() {
    Map<String, Object> m = Json.object("metric", metric(), "fvd", fvd);
    fid.ifPresent(v -> m.put("fid", v));
    inceptionScore.ifPresent(s -> m.put("is", Json.object("mean", s.mean(), "std", s.std(),
        "splits", s.splits())));
    m.put("comparable", comparable);
    m.put("comparability", weights.comparability());
    m.put("warnings", warnings);
    m.put("settings", card());
    return m;
  }

  private Map<String, Object> card() {
    return Json.object(
        "i3d", Json.object("source", weights.source(), "kind",
            weights.kind().name().toLowerCase(Locale.ROOT), "sha256", weights.sha256(),
            "layout", weights.layout().toString()),
        "preprocessing", I3dPreprocessing.DESCRIPTION,
        "features", Json.object(
            "fvd", "time-averaged I3D logits (" + weights.layout().classes() + ")",
            "fid", "time-averaged average-pooled Mixed_5c features (" + I3d.FEATURES + ")",
            "is", "softmax of the time-averaged logits, " + InceptionScore.SPLITS_DEFAULT
                + " splits"),
        "frechet", "float64; Tr((S1^1/2 S2 S1^1/2)^1/2) by symmetric eigendecompositions",
        "covariance", settings.covariance().description(),
        "protocol", Json.object("name", metric(), "paper", settings.protocol().paper().citation(),
            "paper_metrics", settings.protocol().metrics(), "frames",
            settings.protocol().frames(), "stride", settings.protocol().stride(),
            "clips_per_side", settings.protocol().videos(), "real_stride",
            settings.real().stride(), "real_clips",
            "one per video at a random offset, every " + settings.real().stride()
                + "-th frame of the data (the generated frame rate)",
            "generated_clips", settings.protocol().generated() == FvdProtocol.Generated.FROM_START
                ? "from t=0" : "a random window of the whole video"),
        "truncation", settings.truncation(),
        "clips", settings.clips(),
        "real", real.toJson(),
        "generated", fake.toJson(),
        "seed", settings.seed(),
        "batch", settings.batch(),
        "software", "vidgan metrics-i3d, TensorFlow " + TensorFlow.version());
  }

  /** Human-readable lines for the console. */
  public String summary() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "%s: FVD %.3f", metric(), fvd));
    fid.ifPresent(v -> sb.append(String.format(Locale.ROOT, ", FID %.3f", v)));
    inceptionScore.ifPresent(s -> sb.append(String.format(Locale.ROOT, ", IS %.3f +- %.3f",
        s.mean(), s.std())));
    sb.append(comparable ? "" : "  [not comparable with published numbers]").append('\n');
    sb.append(String.format(Locale.ROOT, "  real: %d clips of %s (%s)%s%n", real.clips(),
        real.source(), real.resolution(), real.fromCache() ? ", statistics from cache" : ""));
    sb.append(String.format(Locale.ROOT, "  generated: %d clips of %s (%s)%n", fake.clips(),
        fake.source(), fake.resolution()));
    sb.append("  i3d: ").append(weights).append('\n');
    sb.append("  ").append(weights.comparability()).append('\n');
    sb.append("  covariance: ").append(settings.covariance().description()).append('\n');
    for (String w : warnings) {
      sb.append("  warning: ").append(w).append('\n');
    }
    return sb.toString();
  }
}
