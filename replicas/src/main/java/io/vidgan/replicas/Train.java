package io.vidgan.replicas;

import com.google.protobuf.TextFormat;
import io.vidgan.cli.Command;
import io.vidgan.cli.Flags;
import io.vidgan.cli.UsageException;
import io.vidgan.data.Datasets;
import io.vidgan.data.VideoDataset;
import io.vidgan.graphs.config.InvalidConfigException;
import io.vidgan.graphs.config.Presets;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.replicas.config.TrainerConfig;
import io.vidgan.replicas.config.TrainerState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Optional;
import org.apache.commons.cli.Options;

/**
 * {@code bin/train}: trains one stage with data-parallel replicas.
 *
 * <p>Parses flags, resolves the stage config (a preset or a file) and the run settings, applies the
 * overrides, writes {@code config.pbtxt} and {@code trainer.pbtxt} into the run directory, then
 * hands over to {@link Trainer}. {@code --resume=RUN_DIR} continues a run from its newest
 * checkpoint with the settings it was started with (only {@code --steps} may be raised).
 */
public final class Train extends Command {
  static final String CONFIG_FILE = "config.pbtxt";
  static final String TRAINER_FILE = "trainer.pbtxt";
  static final int SAMPLES = 8;

  public static void main(String[] args) {
    Command.main(new Train(), args);
  }

  @Override
  protected String name() {
    return "train";
  }

  @Override
  protected String summary() {
    return "Trains one stage of a stage-wise video GAN (lres: whole low-res clips; sres: "
        + "super-resolution windows) on one or more replicas.";
  }

  @Override
  protected void declare(Options o) {
    TrainerConfig d = TrainerConfig.getDefaultInstance();
    o.addOption(Flags.flag("stage", "lres|sres", "stage to train (default: lres)"));
    o.addOption(Flags.flag("replicas", "N", "data-parallel replicas: one per GPU (at most the "
        + "GPUs present); without GPUs they share the CPU as one tower (default: 1)"));
    o.addOption(Flags.flag("config", "FILE|PRESET", "stage config: a .pbtxt file or a preset "
        + "such as paper/kinetics_lres; small/<stage> when omitted"));
    o.addOption(Flags.flag("data", "SPEC", "dataset: builtin[:options] or a path; plain builtin "
        + "renders at the stage's base resolution (default: " + d.getData() + ")"));
    o.addOption(Flags.flag("out", "DIR", "run directory; runs/<stage>/<timestamp> when omitted"));
    o.addOption(Flags.flag("steps", "N", "iterations (D steps + 1 G step) to train (default: "
        + d.getSteps() + ")"));
    o.addOption(Flags.flag("batch", "N", "global batch size, divided among replicas; the "
        + "config's when omitted"));
    o.addOption(Flags.flag("grad-accum", "K", "micro-batches per update: each run takes "
        + "batch/(replicas*K) examples per replica, gradients are averaged over the K runs "
        + "(default: " + d.getGradAccum() + ")"));
    o.addOption(Flags.flag("seed", "N", "seed of data order and noise (default: "
        + d.getSeed() + ")"));
    o.addOption(Flags.flag("resume", "RUN_DIR", "continue this run from its newest checkpoint"));
    o.addOption(Flags.flag("checkpoint-every", "N", "iterations between checkpoints (default: "
        + d.getCheckpointEvery() + ")"));
    o.addOption(Flags.flag("keep-checkpoints", "N", "newest checkpoints kept (default: "
        + d.getKeepCheckpoints() + ")"));
    o.addOption(Flags.flag("sample-every", "N", "iterations between sample videos (default: "
        + d.getSampleEvery() + ")"));
    o.addOption(Flags.flag("log-every", "N", "iterations between progress lines (default: "
        + d.getLogEvery() + ")"));
    o.addOption(Flags.flag("timeout", "SECONDS", "how long a step of a cluster run may wait for "
        + "another task before the run stops (default: " + d.getTimeoutSeconds() + ")"));
    ConditionFlags.declare(o);
    ClusterFlags.declare(o, "0: this command is a cluster's chief; start the others with "
        + "bin/worker");
    o.addOption(Flags.toggle("skip-bad", "skip undecodable videos instead of failing "
        + "(default: false)"));
  }

  @Override
  protected void run(Flags flags) throws Exception {
    if (!flags.has("cluster") && TfConfig.fromEnvironment().map(TfConfig::task).orElse(0) > 0) {
      // one container command for every process of a TFJob: TF_CONFIG says this one is a worker
      new Worker().run(flags);
      return;
    }
    Optional<ClusterSpec> cluster = ClusterFlags.chief(flags);
    Resolved r = flags.has("resume") ? resume(flags) : fresh(flags);
    ReplicaHosts hosts = ClusterFlags.hosts(cluster, r.run());
    Path runDir = r.runDir();
    log("run directory: " + runDir.toAbsolutePath());
    Checkpoints checkpoints = new Checkpoints(runDir, r.run().getKeepCheckpoints());
    checkpoints.removePartials();
    Checkpoints.Saved start = flags.has("resume") ? checkpoints.latest().orElseThrow(
        () -> new UsageException("--resume: " + runDir + " has no checkpoint yet")) : null;
    if (start != null) {
      log("resuming from " + start.directory().getFileName() + " (step "
          + start.state().getStep() + ")");
    }
    try (VideoDataset data = Datasets.open(r.run().getData(), r.run().getSkipBad());
        SampleRenderer samples = new SampleRenderer(r.config(), runDir.resolve("samples"),
            SAMPLES, r.run().getSeed(), SampleInputs.lowRes(r.config(), r.run(), r.below(), data,
                SAMPLES))) {
      TrainerState end;
      try {
        end = new Trainer(r.config(), r.run(), hosts, runDir, System.out)
            .train(data, start, samples, r.below());
      } catch (RuntimeException e) {
        throw hosts.explain(e);
      }
      log(String.format("done: %d iterations in %.0f s of training", end.getStep(),
          end.getSeconds()));
    }
  }

  /** @param below the frozen stages below a super-resolution run, or null */
  private record Resolved(StageConfig config, TrainerConfig run, Path runDir,
      StageBelowChain below) {}

  private Resolved fresh(Flags flags) throws IOException {
    String stage = flags.getChoice("stage", "lres", "sres");
    StageConfig config = loadConfig(flags.get("config").orElse("small/" + stage));
    StageConfig.Kind expected = stage.equals("lres") ? StageConfig.Kind.LOW_RES
        : StageConfig.Kind.SUPER_RES;
    if (config.getKind() != expected) {
      throw new UsageException("--config describes a " + config.getKind() + " stage, but "
          + "--stage=" + stage);
    }
    TrainerConfig.Builder run = TrainerConfig.newBuilder()
        .setReplicas(ClusterFlags.replicas(flags, ClusterFlags.cluster(flags)))
        .setData(dataSpec(flags.required("data"), config))
        .setSteps(flags.getInt("steps", 1))
        .setGradAccum(flags.getInt("grad-accum", 1))
        .setSeed(flags.getLong("seed"))
        .setCheckpointEvery(flags.getInt("checkpoint-every", 1))
        .setKeepCheckpoints(flags.getInt("keep-checkpoints", 1))
        .setSampleEvery(flags.getInt("sample-every", 1))
        .setLogEvery(flags.getInt("log-every", 1))
        .setSkipBad(flags.getBoolean("skip-bad"))
        .setTimeoutSeconds(timeout(flags));
    StageBelowChain below = ConditionFlags.fresh(flags, config, run);
    if (flags.has("batch")) {
      StageConfig.Builder b = config.toBuilder();
      b.getOptimizationBuilder().setBatchSize(flags.getInt("batch", 1));
      config = b.build();
    }
    checkBatch(config, run.getReplicas(), run.getGradAccum());
    Path runDir = Path.of(flags.get("out").orElse("runs/" + stage + "/"
        + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"))));
    if (Files.exists(runDir.resolve(CONFIG_FILE))) {
      throw new UsageException("--out: " + runDir + " already holds a run; use --resume="
          + runDir + " to continue it, or another --out");
    }
    Files.createDirectories(runDir);
    Files.writeString(runDir.resolve(CONFIG_FILE), StageConfigs.toText(config),
        StandardCharsets.UTF_8);
    Files.writeString(runDir.resolve(TRAINER_FILE), TextFormat.printer().printToString(
        run.build()), StandardCharsets.UTF_8);
    return new Resolved(config, run.build(), runDir, below);
  }

  private Resolved resume(Flags flags) throws IOException {
    Path runDir = flags.existingPath("resume");
    for (String f : new String[] {"stage", "config", "data", "batch", "replicas", "grad-accum",
        "seed"}) {
      if (flags.has(f)) {
        throw new UsageException("--" + f + " cannot change when resuming: the run keeps the "
            + "settings in " + runDir.resolve(TRAINER_FILE) + " and " + CONFIG_FILE);
      }
    }
    Path configFile = runDir.resolve(CONFIG_FILE);
    Path trainerFile = runDir.resolve(TRAINER_FILE);
    if (!Files.isRegularFile(configFile) || !Files.isRegularFile(trainerFile)) {
      throw new UsageException("--resume: " + runDir + " is not a run directory (no "
          + CONFIG_FILE + " or " + TRAINER_FILE + ")");
    }
    StageConfig config = loadConfig(configFile.toString());
    TrainerConfig.Builder run = TrainerConfig.newBuilder();
    TextFormat.merge(Files.readString(trainerFile, StandardCharsets.UTF_8), run);
    StageBelowChain below = ConditionFlags.resume(flags, config, run.build());
    if (flags.has("steps") || flags.has("timeout")) {
      run.setSteps(flags.has("steps") ? flags.getInt("steps", 1) : run.getSteps());
      run.setTimeoutSeconds(flags.has("timeout") ? timeout(flags) : run.getTimeoutSeconds());
      Files.writeString(trainerFile, TextFormat.printer().printToString(run.build()),
          StandardCharsets.UTF_8);
    }
    return new Resolved(config, run.build(), runDir, below);
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

  private static void checkBatch(StageConfig config, int replicas, int accumulation) {
    int batch = config.getOptimization().getBatchSize();
    if (batch % (replicas * accumulation) != 0) {
      throw new UsageException("--batch: the global batch " + batch + " does not divide among "
          + replicas + " replicas x " + accumulation + " micro-batches (--grad-accum)");
    }
  }

  private static void log(String message) {
    System.out.println(message);
  }
}
