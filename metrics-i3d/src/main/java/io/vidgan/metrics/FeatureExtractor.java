package io.vidgan.metrics;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.cli.ProgressBar;
import io.vidgan.data.Frames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Streams a {@link ClipSource} through I3D in batches and reduces the features as they come, so
 * memory holds one batch of clips whatever the number of clips. A batch is cut short when the
 * frame size changes (I3D runs one size per batch; datasets of video files can mix sizes).
 */
public final class FeatureExtractor {
  private final I3dEmbedder embedder;
  private final int batch;

  /** @param batch clips per I3D run; any positive size */
  public FeatureExtractor(I3dEmbedder embedder, int batch) {
    checkArgument(batch > 0, "batch must be positive, got %s", batch);
    this.embedder = embedder;
    this.batch = batch;
  }

  /**
   * Embeds every clip of {@code source}.
   *
   * @param label shown on the progress bar
   */
  public ClipFeatures extract(ClipSource source, String label) throws IOException {
    checkArgument(source.frames() == embedder.frames(),
        "the source has %s-frame clips but I3D was built for %s", source.frames(),
        embedder.frames());
    ClipFeatures features = new ClipFeatures(embedder.classes());
    List<Frames> pending = new ArrayList<>();
    try (ProgressBar bar = new ProgressBar(label, source.planned(), "clips")) {
      for (Optional<Frames> clip = source.next(); clip.isPresent(); clip = source.next()) {
        Frames c = clip.get();
        if (!pending.isEmpty() && (c.height() != pending.get(0).height()
            || c.width() != pending.get(0).width())) {
          flush(pending, features, bar);
        }
        pending.add(c);
        if (pending.size() == batch) {
          flush(pending, features, bar);
        }
      }
      flush(pending, features, bar);
    }
    return features;
  }

  private void flush(List<Frames> pending, ClipFeatures features, ProgressBar bar) {
    if (!pending.isEmpty()) {
      features.add(embedder.embed(pending));
      bar.step(pending.size());
      pending.clear();
    }
  }
}
