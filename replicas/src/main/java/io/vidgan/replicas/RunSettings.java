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
 * config, batch, replicas, micro-batches, seed, precision, stage below, condition) is refused
 * naming both values. {@code --data} may be re-pointed (the data moved): the earlier spec is kept
 * in {@code previous_data}. Schedule flags (steps, logging, checkpoints, samples, timeout, the wait
 * for workers, skip-bad, the divergence watchdog, the train-time evaluation) take their new value;
 * one not given keeps the run's.
 */
final class RunSettings {
  /**
   * Flags that must equal the saved setting on resume, as they change what is trained; each sets
   * the {@code TrainerConfig} field of its name.
   */
  private static final List<Flag<?>> FROZEN = List.of(Train.REPLICAS, Train.GRAD_ACCUM,
      Train.SEED, Train.PRECISION);

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
    if (flags.has(Train.RESUME)) {
      return resume(flags, flags.existingPath(Train.RESUME), cluster);
    }
    if (flags.get(Train.AUTO_RESUME)) {
      if (!flags.has(Train.OUT)) {
        throw new UsageException("--" + Train.AUTO_RESUME.name() + " needs --" + Train.OUT.name()
            + ": the run directory to continue when it holds a run");
      }
      Path out = Path.of(flags.get(Train.OUT));
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
    String stage = flags.get(Train.STAGE);
    StageConfig config = withBatch(flags, loadConfig(flags.find(Train.CONFIG)
        .orElse("small/" + stage)));
    if (config.getKind() != kind(stage)) {
      throw new UsageException("--config describes a " + config.getKind() + " stage, but "
          + "--stage=" + stage);
    }
    TrainerConfig.Builder b = apply(flags, TrainerConfig.newBuilder(), config, n -> true);
    StageBelowChain below = ConditionFlags.fresh(flags, config, b);
    TrainerConfig run = b.build();
    ReplicaLayout layout = ClusterFlags.layout(cluster, config, run);
    Path runDir = flags.has(Train.OUT) ? flags.outputDirectory(Train.OUT) : Path.of("runs/"
        + stage + "/" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
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
    if (flags.has(Train.OUT) && !Path.of(flags.get(Train.OUT)).normalize()
        .equals(runDir.normalize())) {
      throw new UsageException("--out=" + flags.get(Train.OUT) + " differs from --resume="
          + runDir + ": a resumed run stays in its directory");
    }
    StageConfig config = loadConfig(configFile.toString());
    checkConfig(flags, config, configFile);
    TrainerConfig.Builder saved = TrainerConfig.newBuilder();
    TextFormat.merge(Files.readString(trainerFile, StandardCharsets.UTF_8), saved);
    TrainerConfig asked = apply(flags, saved.clone(), config, flags::has).build();
    StageBelowChain below = ConditionFlags.resume(flags, config, saved.build());
    for (Flag<?> flag : FROZEN) {
      FieldDescriptor field = TrainerConfig.getDescriptor().findFieldByName(
          flag.name().replace('-', '_'));
      if (!saved.getField(field).equals(asked.getField(field))) {
        throw new UsageException("--" + flag.name() + "=" + asked.getField(field) + " differs from the "
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

  /**
   * Sets each field of {@code run} whose flag {@code given} accepts, to the flag's value or its
   * default (the field's own).
   */
  private static TrainerConfig.Builder apply(Flags f, TrainerConfig.Builder run, StageConfig c,
      Predicate<Flag<?>> given) {
    if (given.test(Train.REPLICAS)) {
      run.setReplicas(ClusterFlags.replicas(f, Train.REPLICAS, ClusterFlags.cluster(f)));
    }
    Setter set = new Setter(f, given);
    set.field(Train.DATA, data -> run.setData(dataSpec(data, c)));
    set.field(Train.STEPS, run::setSteps);
    set.field(Train.GRAD_ACCUM, run::setGradAccum);
    set.field(Train.SEED, run::setSeed);
    set.field(Train.PRECISION, run::setPrecision);
    set.field(Train.CHECKPOINT_EVERY, run::setCheckpointEvery);
    set.field(Train.KEEP_CHECKPOINTS, run::setKeepCheckpoints);
    set.field(Train.SAMPLE_EVERY, run::setSampleEvery);
    set.field(Train.LOG_EVERY, run::setLogEvery);
    set.field(Train.SKIP_BAD, run::setSkipBad);
    set.field(Train.TIMEOUT, seconds -> run.setTimeoutSeconds(seconds.floatValue()));
    set.field(ClusterFlags.WAIT_FOR_WORKERS,
        seconds -> run.setWaitForWorkersSeconds(seconds.floatValue()));
    DivergenceWatchConfig.Builder watch = run.getDivergenceWatchBuilder();
    set.field(Train.STOP_ON_DIVERGENCE, watch::setStop);
    set.field(Train.DIVERGENCE_PLATEAU, watch::setPlateauSteps);
    set.field(Train.DIVERGENCE_GRAD_FACTOR, x -> watch.setGradNormFactor(x.floatValue()));
    EvaluationFlags.apply(f, run.getEvaluationBuilder(), given);
    return run;
  }

  /** Hands each flag {@code given} accepts to its field's setter. */
  private record Setter(Flags flags, Predicate<Flag<?>> given) {
    <T> void field(Flag<T> flag, Consumer<T> setter) {
      if (given.test(flag)) {
        setter.accept(flags.get(flag));
      }
    }
  }

  /** Refuses {@code --stage}, {@code --config} or {@code --batch} that differ from the run's. */
  private static void checkConfig(Flags flags, StageConfig saved, Path file) throws IOException {
    if (flags.has(Train.STAGE) && kind(flags.get(Train.STAGE)) != saved.getKind()) {
      throw new UsageException("--stage=" + flags.get(Train.STAGE) + " differs from the run's "
          + "stage " + saved.getKind() + " (" + file + ")");
    }
    if (!flags.has(Train.CONFIG) && !flags.has(Train.BATCH)) {
      return;
    }
    StageConfig asked = withBatch(flags, flags.has(Train.CONFIG)
        ? loadConfig(flags.get(Train.CONFIG)) : saved);
    int was = saved.getOptimization().getBatchSize();
    int now = asked.getOptimization().getBatchSize();
    if (was != now) {
      throw new UsageException("--batch=" + now + " differs from the run's batch size " + was
          + " (" + file + ")");
    }
    if (!asked.equals(saved)) {
      throw new UsageException("--config=" + flags.get(Train.CONFIG) + " differs from the "
          + "run's config " + file);
    }
  }

  private static StageConfig withBatch(Flags flags, StageConfig config) {
    if (!flags.has(Train.BATCH)) {
      return config;
    }
    StageConfig.Builder b = config.toBuilder();
    b.getOptimizationBuilder().setBatchSize(flags.get(Train.BATCH));
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
}
