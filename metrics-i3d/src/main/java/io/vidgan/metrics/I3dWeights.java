package io.vidgan.metrics;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.common.hash.Hasher;
import com.google.common.hash.Hashing;
import io.vidgan.ops.io.CheckpointException;
import io.vidgan.ops.io.CheckpointIndex;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where I3D's weights come from: a published checkpoint, the TF-Hub module the reference FVD uses,
 * or seeded random values for smoke tests; with the layout, a content hash for cache keys and
 * settings cards, and whether FVDs computed with them compare with published numbers.
 *
 * <p>Which weights give comparable FVD: the reference FVD (Unterthiner et al., 2018;
 * google-research {@code frechet_video_distance}) and StyleGAN-V / LongVideoGAN (a TorchScript
 * port of the same module) embed with the TF-Hub module {@code deepmind/i3d-kinetics-400/1},
 * whose weights differ from the deepmind/kinetics-i3d GitHub checkpoints. Only that module gives
 * FVDs comparable with published numbers; the {@code rgb_imagenet}, {@code rgb_scratch} and
 * {@code rgb_scratch_kin600} checkpoints give FVDs comparable only with each other's runs on the
 * same weights (the hash identifies them). Random weights compare with nothing.
 *
 * <p>Accepted specs (first match wins):
 *
 * <ul>
 *   <li>{@code random:SEED}: He-normal weights, Kinetics-400 layout;
 *   <li>a TF-Hub module or SavedModel directory {@code D} with {@code D/variables/variables.index}
 *       (the extracted {@code i3d-kinetics-400_1.tar.gz});
 *   <li>a kinetics-i3d checkpoint directory {@code D} with {@code D/model.ckpt.index} (e.g. {@code
 *       data/checkpoints/rgb_imagenet});
 *   <li>a checkpoint prefix {@code P} with {@code P.index}.
 * </ul>
 */
public final class I3dWeights {
  /** What kind of weights these are. */
  public enum Kind {
    /** The TF-Hub {@code i3d-kinetics-400} module (or any SavedModel holding I3D variables). */
    TF_HUB_MODULE,
    /** A TF checkpoint, e.g. deepmind/kinetics-i3d {@code rgb_imagenet}. */
    CHECKPOINT,
    /** Seeded random values: results are not comparable with anything. */
    RANDOM
  }

  /** Where the published weights come from, for error messages. */
  public static final String WHERE_TO_GET = "I3D weights cannot be downloaded by vidgan. For FVD"
      + " comparable with published numbers, download the TF-Hub module"
      + " https://tfhub.dev/deepmind/i3d-kinetics-400/1 (a tar.gz; tfhub.dev now redirects to"
      + " Kaggle Models), extract it and pass --i3d=DIR; a deepmind/kinetics-i3d checkpoint"
      + " (github.com/deepmind/kinetics-i3d, data/checkpoints/rgb_imagenet) also works via"
      + " --i3d=DIR or --i3d=DIR/model.ckpt but gives FVDs comparable only with runs on the same"
      + " weights. For smoke tests: --i3d=random:SEED (not comparable).";

  private static final String RANDOM_PREFIX = "random:";

  private final Kind kind;
  private final String source;
  private final I3dLayout layout;
  private final String checkpointPrefix;
  private final long seed;
  private final String sha256;

  private I3dWeights(Kind kind, String source, I3dLayout layout, String checkpointPrefix,
      long seed, String sha256) {
    this.kind = kind;
    this.source = source;
    this.layout = layout;
    this.checkpointPrefix = checkpointPrefix;
    this.seed = seed;
    this.sha256 = sha256;
  }

  /** Seeded random weights in {@code layout}. */
  public static I3dWeights random(long seed, I3dLayout layout) {
    String source = RANDOM_PREFIX + seed;
    String hash = Hashing.sha256().hashUnencodedChars(source + " " + layout).toString();
    return new I3dWeights(Kind.RANDOM, source, layout, null, seed, hash);
  }

  /**
   * Resolves {@code spec} (see the class doc), reads the checkpoint's index, detects its layout
   * and hashes its files.
   *
   * @throws CheckpointException if {@code spec} names no usable I3D checkpoint
   */
  public static I3dWeights open(String spec) throws IOException {
    checkArgument(!spec.isEmpty(), "I3D weights spec must not be empty");
    if (spec.startsWith(RANDOM_PREFIX)) {
      String seed = spec.substring(RANDOM_PREFIX.length());
      try {
        return random(Long.parseLong(seed), I3dLayout.KINETICS_400);
      } catch (NumberFormatException e) {
        throw new CheckpointException("'" + spec + "': the seed of random:SEED must be an integer");
      }
    }
    Path path = Path.of(spec);
    Kind kind = Kind.CHECKPOINT;
    String prefix = spec;
    if (Files.isDirectory(path)) {
      Path hub = path.resolve("variables").resolve("variables");
      Path ckpt = path.resolve("model.ckpt");
      kind = CheckpointIndex.exists(hub.toString()) ? Kind.TF_HUB_MODULE : Kind.CHECKPOINT;
      prefix = (kind == Kind.TF_HUB_MODULE ? hub : ckpt).toString();
    }
    if (!CheckpointIndex.exists(prefix)) {
      throw new CheckpointException("'" + spec + "' is not I3D weights: expected random:SEED, a"
          + " TF-Hub module directory (with variables/variables.index), a checkpoint directory"
          + " (with model.ckpt.index) or a checkpoint prefix P (with P.index)");
    }
    CheckpointIndex index = CheckpointIndex.read(prefix);
    return new I3dWeights(kind, spec, I3dLayout.detect(index), prefix, 0, hash(index));
  }

  public Kind kind() {
    return kind;
  }

  public I3dLayout layout() {
    return layout;
  }

  /** The checkpoint prefix to restore, unless the weights are random. */
  public Optional<String> checkpointPrefix() {
    return Optional.ofNullable(checkpointPrefix);
  }

  /** Seed of random weights (0 otherwise). */
  public long seed() {
    return seed;
  }

  /** SHA-256 of the checkpoint's index and data files, or of the spec for random weights. */
  public String sha256() {
    return sha256;
  }

  /** The spec the weights were opened from. */
  public String source() {
    return source;
  }

  /**
   * Whether FVDs with these weights compare with published numbers: the TF-Hub Kinetics-400
   * module only (its variables are the {@code RGB/inception_i3d/} names with 5-D batch-norm
   * vectors).
   */
  public boolean comparableWithPublished() {
    return kind == Kind.TF_HUB_MODULE && layout.classes() == 400;
  }

  /** One sentence on what FVDs computed with these weights compare with. */
  public String comparability() {
    return switch (kind) {
      case RANDOM -> "not comparable: random I3D weights (smoke test only)";
      case CHECKPOINT -> "comparable only with FVDs computed with the same checkpoint (sha256 "
          + shortHash() + "); published FVDs use the TF-Hub i3d-kinetics-400 module";
      case TF_HUB_MODULE -> comparableWithPublished()
          ? "comparable with FVDs computed with the TF-Hub i3d-kinetics-400 module (reference FVD,"
              + " StyleGAN-V, LongVideoGAN); check the sha256 against theirs"
          : "not the Kinetics-400 module: comparable only with runs on the same weights";
    };
  }

  /** The first 16 hex digits of {@link #sha256()}. */
  public String shortHash() {
    return sha256.substring(0, 16);
  }

  @Override
  public String toString() {
    return kind.name().toLowerCase(java.util.Locale.ROOT) + " " + source + " (" + layout
        + ", sha256 " + shortHash() + ")";
  }

  private static String hash(CheckpointIndex index) throws IOException {
    Hasher h = Hashing.sha256().newHasher();
    byte[] buffer = new byte[1 << 20];
    for (Path file : index.files()) {
      try (InputStream in = Files.newInputStream(file)) {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
          h.putBytes(buffer, 0, n);
        }
      }
    }
    return h.hash().toString();
  }
}
