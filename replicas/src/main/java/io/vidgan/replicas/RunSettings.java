package io.vidgan.replicas;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.TextFormat;
import io.vidgan.cli.Flags;
import io.vidgan.cli.UsageException;
import io.vidgan.data.Datasets;
import io.vidgan.graphs.RunDirectory;
import io.vidgan.graphs.config.InvalidConfigException;
import io.vidgan.graphs.config.Presets;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.replicas.config.DivergenceWatchConfig;
import io.vidgan.replicas.config.TrainerConfig;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * The settings of a {@code bin/train} run, resolved from its flags before anything is written: a
 * fresh run's from the flags and their defaults, a resumed run's from its directory ({@code
 * config.pbtxt}, {@code trainer.pbtxt}) with the flags checked against them.
 *
 * <p>On resume, a flag equal to the saved setting is accepted, so the command a run was started
 * with can be repeated with {@code --resume}. A flag that would change what is trained (stage,
 * config, batch, replicas, micro-batches, seed, stage below, condition) is refused naming both
 * values. {@code --data} may be re-pointed (the data moved): the earlier spec is kept in {@code
 * previous_data}. Schedule flags (steps, logging, checkpoints, samples, timeout, skip-bad, the
 * divergence watchdog) take their new value.
 */
final class RunSettings {
  /** Flags that must equal the saved setting on resume: they change what is trained. */
  private static final List<String> FROZEN = List.of("replicas", "grad-accum", "seed");

  private final StageConfig config;
  private final TrainerConfig run;
  private final Path runDir;
  private final ReplicaLayout layout;
  private final StageBelowChain below;
  private final boolean resumed;
  private final Optional<String> dataWas;

  private RunSettings(StageConfig config, TrainerConfig run, Path runDir, ReplicaLayout layout,
      StageBelowChain below, boolean resumed, Optional<String> dataWas) {
    this.config = config;
    this.run = run;
    this.runDir = runDir;
    this.layout = layout;
    this.below = below;
    this.resumed = resumed;
    this.dataWas = dataWas;
  }

  StageConfig config() {
    return config;
  }

  TrainerConfig run() {
    return run;
  }

  Path runDir() {
    return runDir;
  }

  /** The run's replicas and batch per replica ({@link ClusterFlags#layout}). */
  ReplicaLayout layout() {
    return layout;
  }

  /** The frozen stages below a super-resolution run ({@link ConditionFlags}), or null. */
  StageBelowChain below() {
    return below;
  }

  boolean resumed() {
    return resumed;
  }

  /** The data spec a resumed run used before {@code --data} re-pointed it, if it did. */
  Optional<String> dataWas() {
    return dataWas;
  }

  /**
   * A new run: {@code --out} must not hold one.
   *
   * @param cluster the hosts of a cluster run ({@link ClusterFlags#chief}), if any
   */
  static RunSettings fresh(Flags flags, Optional<ClusterSpec> cluster) throws IOException {
    String stage = flags.getChoice("stage", "lres", "sres");
    StageConfig config = withBatch(flags, loadConfig(flags.get("config").orElse("small/" + stage)));
    if (config.getKind() != kind(stage)) {
      throw new UsageException("--config describes a " + config.getKind() + " stage, but "
          + "--stage=" + stage);
    }
    TrainerConfig.Builder b = apply(flags, TrainerConfig.newBuilder(), config, n -> true);
    StageBelowChain below = ConditionFlags.fresh(flags, config, b);
    TrainerConfig run = b.build();
    ReplicaLayout layout = ClusterFlags.layout(cluster, config, run);
    Path runDir = flags.has("out") ? flags.outputDirectory("out") : Path.of("runs/" + stage + "/"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    if (Files.exists(runDir.resolve(RunDirectory.CONFIG))) {
      throw new UsageException("--out: " + runDir + " already holds a run; use --resume="
          + runDir + " to continue it, or another --out");
    }
    return new RunSettings(config, run, runDir, layout, below, false, Optional.empty());
  }

  /** The run in {@code --resume}, with the flags given checked against or applied to it. */
  static RunSettings resume(Flags flags, Optional<ClusterSpec> cluster) throws IOException {
    Path runDir = flags.existingPath("resume");
    Path configFile = runDir.resolve(RunDirectory.CONFIG);
    Path trainerFile = runDir.resolve(RunDirectory.TRAINER);
    if (!Files.isRegularFile(configFile) || !Files.isRegularFile(trainerFile)) {
      throw new UsageException("--resume: " + runDir + " is not a run directory (no "
          + RunDirectory.CONFIG + " or " + RunDirectory.TRAINER + ")");
    }
    if (flags.has("out") && !Path.of(flags.required("out")).normalize()
        .equals(runDir.normalize())) {
      throw new UsageException("--out=" + flags.required("out") + " differs from --resume="
          + runDir + ": a resumed run stays in its directory");
    }
    StageConfig config = loadConfig(configFile.toString());
    checkConfig(flags, config, configFile);
    TrainerConfig.Builder saved = TrainerConfig.newBuilder();
    TextFormat.merge(Files.readString(trainerFile, StandardCharsets.UTF_8), saved);
    TrainerConfig asked = apply(flags, saved.clone(), config, flags::has).build();
    StageBelowChain below = ConditionFlags.resume(flags, config, saved.build());
    for (String flag : FROZEN) {
      FieldDescriptor field = TrainerConfig.getDescriptor().findFieldByName(
          flag.replace('-', '_'));
      if (!saved.getField(field).equals(asked.getField(field))) {
        throw new UsageException("--" + flag + "=" + asked.getField(field) + " differs from the "
            + "run's " + field.getName() + " " + saved.getField(field) + " (" + trainerFile
            + "); a resumed run trains with the settings it was started with");
      }
    }
    ReplicaLayout layout = ClusterFlags.layout(cluster, config, asked);
    if (asked.getData().equals(saved.getData())) {
      return new RunSettings(config, asked, runDir, layout, below, true, Optional.empty());
    }
    return new RunSettings(config, asked.toBuilder().addPreviousData(saved.getData()).build(),
        runDir, layout, below, true, Optional.of(saved.getData()));
  }

  /**
   * Writes {@code config.pbtxt} (a fresh run) and {@code trainer.pbtxt}; called once every input
   * has been validated, so a command that fails leaves no run directory behind.
   */
  void write() throws IOException {
    Files.createDirectories(runDir);
    if (!resumed) {
      Files.writeString(runDir.resolve(RunDirectory.CONFIG), StageConfigs.toText(config),
          StandardCharsets.UTF_8);
    }
    Path tmp = Files.createTempFile(runDir, RunDirectory.TRAINER, ".tmp");
    Files.writeString(tmp, TextFormat.printer().printToString(run), StandardCharsets.UTF_8);
    Files.move(tmp, runDir.resolve(RunDirectory.TRAINER), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** Sets each field of {@code run} whose flag {@code given} accepts. */
  private static TrainerConfig.Builder apply(Flags f, TrainerConfig.Builder run, StageConfig c,
      Predicate<String> given) {
    if (given.test("replicas")) {
      run.setReplicas(ClusterFlags.replicas(f, ClusterFlags.cluster(f)));
    }
    if (given.test("data")) {
      run.setData(dataSpec(f.required("data"), c));
    }
    if (given.test("steps")) {
      run.setSteps(f.getLong("steps", 1));
    }
    if (given.test("grad-accum")) {
      run.setGradAccum(f.getInt("grad-accum", 1));
    }
    if (given.test("seed")) {
      run.setSeed(f.getLong("seed"));
    }
    if (given.test("checkpoint-every")) {
      run.setCheckpointEvery(f.getLong("checkpoint-every", 1));
    }
    if (given.test("keep-checkpoints")) {
      run.setKeepCheckpoints(f.getInt("keep-checkpoints", 1));
    }
    if (given.test("sample-every")) {
      run.setSampleEvery(f.getLong("sample-every", 1));
    }
    if (given.test("log-every")) {
      run.setLogEvery(f.getLong("log-every", 1));
    }
    if (given.test("skip-bad")) {
      run.setSkipBad(f.getBoolean("skip-bad"));
    }
    if (given.test("timeout")) {
      run.setTimeoutSeconds(timeout(f));
    }
    applyWatch(f, run.getDivergenceWatchBuilder(), given);
    return run;
  }

  private static void applyWatch(Flags f, DivergenceWatchConfig.Builder watch,
      Predicate<String> given) {
    if (given.test("stop-on-divergence")) {
      watch.setStop(f.getBoolean("stop-on-divergence"));
    }
    if (given.test("divergence-plateau")) {
      watch.setPlateauSteps(f.getLong("divergence-plateau", 0));
    }
    if (given.test("divergence-grad-factor")) {
      double factor = f.getDouble("divergence-grad-factor");
      if (factor < 0) {
        throw new UsageException("--divergence-grad-factor must be >= 0, got " + factor);
      }
      watch.setGradNormFactor((float) factor);
    }
  }

  /** Refuses {@code --stage}, {@code --config} or {@code --batch} that differ from the run's. */
  private static void checkConfig(Flags flags, StageConfig saved, Path file) throws IOException {
    if (flags.has("stage") && kind(flags.getChoice("stage", "lres", "sres")) != saved.getKind()) {
      throw new UsageException("--stage=" + flags.required("stage") + " differs from the run's "
          + "stage " + saved.getKind() + " (" + file + ")");
    }
    if (!flags.has("config") && !flags.has("batch")) {
      return;
    }
    StageConfig asked = withBatch(flags, flags.has("config")
        ? loadConfig(flags.required("config")) : saved);
    int was = saved.getOptimization().getBatchSize();
    int now = asked.getOptimization().getBatchSize();
    if (was != now) {
      throw new UsageException("--batch=" + now + " differs from the run's batch size " + was
          + " (" + file + ")");
    }
    if (!asked.equals(saved)) {
      throw new UsageException("--config=" + flags.required("config") + " differs from the "
          + "run's config " + file);
    }
  }

  private static StageConfig withBatch(Flags flags, StageConfig config) {
    if (!flags.has("batch")) {
      return config;
    }
    StageConfig.Builder b = config.toBuilder();
    b.getOptimizationBuilder().setBatchSize(flags.getInt("batch", 1));
    return b.build();
  }

  private static StageConfig.Kind kind(String stage) {
    return stage.equals("lres") ? StageConfig.Kind.LOW_RES : StageConfig.Kind.SUPER_RES;
  }

  /**
   * The dataset spec to record: plain {@code builtin} becomes the built-in dataset rendered at
   * the stage's base resolution (rendering 128x128 frames to train on 32x32 would spend most of
   * a small run in the renderer; every resolution renders the same scenes).
   */
  static String dataSpec(String spec, StageConfig c) {
    if (!spec.equals(Datasets.BUILTIN)) {
      return spec;
    }
    int h = c.getData().hasBaseHeight() ? c.getData().getBaseHeight() : c.getVideo().getHeight();
    int w = c.getData().hasBaseWidth() ? c.getData().getBaseWidth() : c.getVideo().getWidth();
    return spec + ":height=" + h + ",width=" + w;
  }

  private static StageConfig loadConfig(String nameOrPath) throws IOException {
    try {
      return Presets.resolve(nameOrPath);
    } catch (InvalidConfigException e) {
      throw new UsageException("--config: " + e.getMessage(), e);
    }
  }

  private static float timeout(Flags flags) {
    double seconds = flags.getDouble("timeout");
    if (seconds <= 0) {
      throw new UsageException("--timeout must be > 0, got " + seconds);
    }
    return (float) seconds;
  }
}
