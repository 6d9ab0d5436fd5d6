package io.vidgan.replicas;

import io.vidgan.cli.UsageException;
import io.vidgan.graphs.RunDirectory;
import io.vidgan.graphs.StageBelow;
import io.vidgan.graphs.config.InvalidConfigException;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.ops.Scopes;
import io.vidgan.ops.io.CheckpointRestorer;
import io.vidgan.replicas.config.StageBelowCheckpoint;
import io.vidgan.replicas.devices.Devices;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.op.Ops;

/**
 * The trained stages below a super-resolution run ({@code --below}), resolved to the exact
 * checkpoints their frozen generators ({@link StageBelow}) are restored from, which the run
 * records in {@code trainer.pbtxt} and {@code --resume} holds it to.
 *
 * <p>An entry of {@code --below} is a run directory of {@code bin/train} (its newest checkpoint,
 * EMA weights once its EMA has started, as its samples use) or a model exported by {@code
 * bin/export-savedmodel} (every stage it holds, with the weights it was exported with).
 */
final class StageBelowChain {
  /** Where an exported model keeps its stage list and configs (savedmodel's ModelManifest). */
  private static final String MANIFEST_DIR = "assets.extra/vidgan";
  private static final String MANIFEST = "manifest.properties";
  private static final String MODEL_VARIABLES = "variables/variables";

  private final List<StageConfig> configs;
  private final List<StageBelowCheckpoint> checkpoints;

  private StageBelowChain(List<StageConfig> configs, List<StageBelowCheckpoint> checkpoints) {
    this.configs = List.copyOf(configs);
    this.checkpoints = List.copyOf(checkpoints);
  }

  /**
   * Resolves {@code --below=SOURCE[,SOURCE...]} (first stage first) for {@code stage}.
   *
   * @throws UsageException naming {@code --below} and what does not fit
   */
  static StageBelowChain resolve(String spec, StageConfig stage) throws IOException {
    List<StageConfig> configs = new ArrayList<>();
    List<StageBelowCheckpoint> checkpoints = new ArrayList<>();
    for (String source : spec.split(",")) {
      Path dir = Path.of(source.trim());
      if (Files.isRegularFile(dir.resolve(MANIFEST_DIR).resolve(MANIFEST))) {
        exported(dir, configs, checkpoints);
      } else {
        trained(dir, configs, checkpoints);
      }
    }
    return checked(configs, checkpoints, stage);
  }

  /**
   * The chain a run recorded, checked to be unchanged on disk.
   *
   * @throws UsageException naming the recorded checkpoint that is gone or changed
   */
  static StageBelowChain recorded(List<StageBelowCheckpoint> recorded, StageConfig stage)
      throws IOException {
    List<StageConfig> configs = new ArrayList<>();
    for (StageBelowCheckpoint c : recorded) {
      Path source = Path.of(c.getSource());
      Path exported = source.resolve(MANIFEST_DIR).resolve(c.getStage() + ".pbtxt");
      configs.add(config(Files.isRegularFile(exported) ? exported
          : source.resolve(RunDirectory.CONFIG)));
      String now = indexSha256(c.getCheckpoint(), "--resume");
      if (!now.equals(c.getIndexSha256())) {
        throw new UsageException("--resume: the stage below this run was trained on, "
            + describe(c) + ", has changed on disk (index sha256 now " + now + ")");
      }
    }
    return checked(configs, recorded, stage);
  }

  /**
   * Refuses to continue a run on another stage below than the one it was trained on.
   *
   * @throws UsageException naming both
   */
  void checkSameAs(List<StageBelowCheckpoint> recorded) {
    if (!identities(recorded).equals(identities(checkpoints))) {
      throw new UsageException("--below: this run was trained on samples of "
          + recorded.stream().map(StageBelowChain::describe).toList() + ", not of "
          + checkpoints.stream().map(StageBelowChain::describe).toList()
          + "; resume without --below, or start a new run");
    }
  }

  private static List<String> identities(List<StageBelowCheckpoint> chain) {
    return chain.stream().map(c -> c.getCheckpoint() + " " + c.getIndexSha256()).toList();
  }

  List<StageBelowCheckpoint> checkpoints() {
    return checkpoints;
  }

  /** The frozen stages as the training graph builds them. */
  List<StageBelow.Level> levels() {
    List<StageBelow.Level> levels = new ArrayList<>();
    for (int k = 0; k < configs.size(); k++) {
      levels.add(new StageBelow.Level(configs.get(k), checkpoints.get(k).getStatFrames()));
    }
    return levels;
  }

  /** Restores every frozen generator of {@code graph} from its checkpoint, ops on {@code tf}. */
  void restore(Graph graph, Ops tf, Session session) throws IOException {
    for (int k = 0; k < configs.size(); k++) {
      StageBelowCheckpoint c = checkpoints.get(k);
      new CheckpointRestorer(tf.withSubScope("restore_" + StageBelow.SCOPE + "_" + c.getStage()),
          StageBelow.checkpointNames(graph, configs.get(k), c.getEma()))
          .restore(session, c.getCheckpoint());
    }
  }

  /** {@link #restore} with its ops on a training graph's parameter device. */
  void restore(TrainingGraph graph, Devices devices, Session session) throws IOException {
    restore(graph.graph(), Scopes.root(graph.graph()).withDevice(devices.parameters()), session);
  }

  private static StageBelowChain checked(List<StageConfig> configs,
      List<StageBelowCheckpoint> checkpoints, StageConfig stage) {
    try {
      StageBelow.check(configs, stage);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--below: " + e.getMessage());
    }
    return new StageBelowChain(configs, checkpoints);
  }

  private static void trained(Path dir, List<StageConfig> configs,
      List<StageBelowCheckpoint> checkpoints) throws IOException {
    if (!Files.isRegularFile(dir.resolve(RunDirectory.CONFIG))) {
      throw new UsageException("--below: " + dir + " is neither a run directory (no "
          + RunDirectory.CONFIG + ") nor an exported model (no " + MANIFEST_DIR + "/" + MANIFEST
          + ")");
    }
    StageConfig c = config(dir.resolve(RunDirectory.CONFIG));
    Checkpoints.Saved saved = new Checkpoints(dir, 1).latest().orElseThrow(
        () -> new UsageException("--below: " + dir + " has no checkpoint yet"));
    long step = saved.state().getStep();
    boolean ema = c.getOptimization().getEma().getEnabled()
        && step >= c.getOptimization().getEma().getStartStep();
    configs.add(c);
    checkpoints.add(record(dir, c, saved.variablesPrefix(), step, ema, c.getVideo().getFrames()));
  }

  private static void exported(Path dir, List<StageConfig> configs,
      List<StageBelowCheckpoint> checkpoints) throws IOException {
    Path manifestDir = dir.resolve(MANIFEST_DIR);
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(manifestDir.resolve(MANIFEST),
        StandardCharsets.UTF_8)) {
      p.load(in);
    }
    String stages = p.getProperty("stages");
    String statFrames = p.getProperty("stat_frames");
    if (stages == null || statFrames == null || !statFrames.matches("[0-9]+")) {
      throw new UsageException("--below: " + manifestDir.resolve(MANIFEST) + " has no valid "
          + "'stages' and 'stat_frames' entries");
    }
    String weights = dir.resolve(MODEL_VARIABLES).toString();
    for (String name : stages.split(",")) {
      StageConfig c = config(manifestDir.resolve(name + ".pbtxt"));
      int frames = configs.isEmpty() && c.getKind() == StageConfig.Kind.LOW_RES
          ? Integer.parseInt(statFrames) : c.getVideo().getFrames();
      configs.add(c);
      checkpoints.add(record(dir, c, weights, 0, false, frames));
    }
  }

  private static StageBelowCheckpoint record(Path source, StageConfig c, String prefix,
      long step, boolean ema, int statFrames) throws IOException {
    return StageBelowCheckpoint.newBuilder().setSource(source.toAbsolutePath().normalize()
        .toString()).setStage(c.getName()).setCheckpoint(Path.of(prefix).toAbsolutePath()
        .normalize().toString()).setStep(step).setIndexSha256(indexSha256(prefix, "--below")).setEma(ema)
        .setStatFrames(statFrames).build();
  }

  private static StageConfig config(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new UsageException("--below: " + file + " is missing");
    }
    try {
      return StageConfigs.load(file);
    } catch (InvalidConfigException e) {
      throw new UsageException("--below: " + e.getMessage(), e);
    }
  }

  /** SHA-256 of {@code prefix.index}, which lists every tensor with its CRC32C. */
  private static String indexSha256(String prefix, String flag) throws IOException {
    Path index = Path.of(prefix + ".index");
    if (!Files.isRegularFile(index)) {
      throw new UsageException(flag + ": the stage-below checkpoint " + prefix + " is missing (no "
          + index + ")");
    }
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
          .digest(Files.readAllBytes(index)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String describe(StageBelowCheckpoint c) {
    return c.getStage() + " at " + c.getCheckpoint() + " (step " + c.getStep() + ", index sha256 "
        + c.getIndexSha256().substring(0, Math.min(12, c.getIndexSha256().length())) + ")";
  }
}
