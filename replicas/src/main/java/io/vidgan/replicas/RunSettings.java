package io.vidgan.replicas;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.TextFormat;
import io.vidgan.cli.Flag;
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
import io.vidgan.replicas.devices.ClusterSpec;
import io.vidgan.replicas.devices.ReplicaLayout;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The settings of a {@code bin/train} run, resolved from its flags before anything is written: a
 * fresh run's from the flags and their defaults, a resumed run's from its directory ({@code
 * config.pbtxt}, {@code trainer.pbtxt}) with the flags checked against them.
 *
 * <p>On resume, a flag equal to the saved setting is accepted, so the command a run was started
 * with can be repeated with {@code --resume}. A flag that would change what is trained (stage,
 * config, batch, replicas, micro-batches, seed, precision, loss scaling, stage below, condition) is
 * refused naming both values. {@code --data} may be re-pointed (the data moved): the earlier spec
 * is kept in {@code previous_data}. Schedule flags (steps, logging, checkpoints, samples, timeout,
 * the wait for workers, skip-bad, the divergence watchdog, the train-time evaluation) take their
 * new value; one not given keeps the run's.
 */
final class RunSettings {
  /**
   * Flags that must equal the saved setting on resume, as they change what is trained; each sets
   * the {@code TrainerConfig} field of its name.
   */
  private static final List<Flag<?>> FROZEN = List.of(TrainFlags.REPLICAS, TrainFlags.GRAD_ACCUM,
      TrainFlags.SEED, TrainFlags.PRECISION, TrainFlags.LOSS_SCALE, TrainFlags.LOSS_SCALE_GROWTH);

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
   * The run {@code --resume} names, or with {@code --auto-resume} the one in {@code --out} if it
   * holds one (its {@code trainer.pbtxt}, the last file a start writes), else a new run.
   *
   * @param cluster the hosts of a cluster run ({@link ClusterFlags#chief}), if any
   */
  static RunSettings of(Flags flags, Optional<ClusterSpec> cluster) throws IOException {
    if (flags.has(TrainFlags.RESUME)) {
      return resume(flags, flags.existingPath(TrainFlags.RESUME), cluster);
    }
    if (flags.get(TrainFlags.AUTO_RESUME)) {
      if (!flags.has(TrainFlags.OUT)) {
        throw new UsageException("--" + TrainFlags.AUTO_RESUME.name() + " needs --"
            + TrainFlags.OUT.name() + ": the run directory to continue when it holds a run");
      }
      Path out = Path.of(flags.get(TrainFlags.OUT));
      if (Files.isRegularFile(out.resolve(RunDirectory.TRAINER))) {
        return resume(flags, out, cluster);
      }
    }
    return fresh(flags, cluster);
  }

  /**
   * A new run: {@code --out} must not hold one. A directory with {@code config.pbtxt} but no
   * {@code trainer.pbtxt} is a start stopped while writing them (before any checkpoint): it is
   * started again.
   *
   * @param cluster the hosts of a cluster run ({@link ClusterFlags#chief}), if any
   */
  private static RunSettings fresh(Flags flags, Optional<ClusterSpec> cluster)
      throws IOException {
    String stage = flags.get(TrainFlags.STAGE);
    StageConfig config = withBatch(flags, loadConfig(flags.find(TrainFlags.CONFIG)
        .orElse("small/" + stage)));
    if (config.getKind() != kind(stage)) {
      throw new UsageException("--config describes a " + config.getKind() + " stage, but "
          + "--stage=" + stage);
    }
    TrainerConfig.Builder b = TrainFlags.apply(flags, TrainerConfig.newBuilder(), config,
        n -> true);
    StageBelowChain below = ConditionFlags.fresh(flags, config, b);
    TrainerConfig run = b.build();
    ReplicaLayout layout = ClusterFlags.layout(cluster, config, run);
    Path runDir = flags.has(TrainFlags.OUT) ? flags.outputDirectory(TrainFlags.OUT)
        : Path.of("runs/" + stage + "/"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
    if (Files.exists(runDir.resolve(RunDirectory.TRAINER))) {
      throw new UsageException("--out: " + runDir + " already holds a run; use --resume="
          + runDir + " (or --auto-resume) to continue it, or another --out");
    }
    return new RunSettings(config, run, runDir, layout, below, false, Optional.empty());
  }

  /** The run in {@code runDir}, with the flags given checked against or applied to it. */
  private static RunSettings resume(Flags flags, Path runDir, Optional<ClusterSpec> cluster)
      throws IOException {
    Path configFile = runDir.resolve(RunDirectory.CONFIG);
    Path trainerFile = runDir.resolve(RunDirectory.TRAINER);
    if (!Files.isRegularFile(configFile) || !Files.isRegularFile(trainerFile)) {
      throw new UsageException("--resume: " + runDir + " is not a run directory (no "
          + RunDirectory.CONFIG + " or " + RunDirectory.TRAINER + ")");
    }
    if (flags.has(TrainFlags.OUT) && !Path.of(flags.get(TrainFlags.OUT)).normalize()
        .equals(runDir.normalize())) {
      throw new UsageException("--out=" + flags.get(TrainFlags.OUT) + " differs from --resume="
          + runDir + ": a resumed run stays in its directory");
    }
    StageConfig config = loadConfig(configFile.toString());
    checkConfig(flags, config, configFile);
    TrainerConfig.Builder saved = TrainerConfig.newBuilder();
    TextFormat.merge(Files.readString(trainerFile, StandardCharsets.UTF_8), saved);
    TrainerConfig asked = TrainFlags.apply(flags, saved.clone(), config, flags::has).build();
    StageBelowChain below = ConditionFlags.resume(flags, config, saved.build());
    for (Flag<?> flag : FROZEN) {
      FieldDescriptor field = TrainerConfig.getDescriptor().findFieldByName(
          flag.name().replace('-', '_'));
      if (!saved.getField(field).equals(asked.getField(field))) {
        throw new UsageException("--" + flag.name() + "=" + asked.getField(field) + " differs "
            + "from the run's " + field.getName() + " " + saved.getField(field) + " (" + trainerFile
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

  /** Refuses {@code --stage}, {@code --config} or {@code --batch} that differ from the run's. */
  private static void checkConfig(Flags flags, StageConfig saved, Path file) throws IOException {
    if (flags.has(TrainFlags.STAGE) && kind(flags.get(TrainFlags.STAGE)) != saved.getKind()) {
      throw new UsageException("--stage=" + flags.get(TrainFlags.STAGE) + " differs from the run's "
          + "stage " + saved.getKind() + " (" + file + ")");
    }
    if (!flags.has(TrainFlags.CONFIG) && !flags.has(TrainFlags.BATCH)) {
      return;
    }
    StageConfig asked = withBatch(flags, flags.has(TrainFlags.CONFIG)
        ? loadConfig(flags.get(TrainFlags.CONFIG)) : saved);
    int was = saved.getOptimization().getBatchSize();
    int now = asked.getOptimization().getBatchSize();
    if (was != now) {
      throw new UsageException("--batch=" + now + " differs from the run's batch size " + was
          + " (" + file + ")");
    }
    if (!asked.equals(saved)) {
      throw new UsageException("--config=" + flags.get(TrainFlags.CONFIG) + " differs from the "
          + "run's config " + file);
    }
  }

  private static StageConfig withBatch(Flags flags, StageConfig config) {
    if (!flags.has(TrainFlags.BATCH)) {
      return config;
    }
    StageConfig.Builder b = config.toBuilder();
    b.getOptimizationBuilder().setBatchSize(flags.get(TrainFlags.BATCH));
    return b.build();
  }

  private static StageConfig.Kind kind(String stage) {
    return stage.equals("lres") ? StageConfig.Kind.LOW_RES : StageConfig.Kind.SUPER_RES;
  }

  private static StageConfig loadConfig(String nameOrPath) throws IOException {
    try {
      return Presets.resolve(nameOrPath);
    } catch (InvalidConfigException e) {
      throw new UsageException("--config: " + e.getMessage(), e);
    }
  }
}
