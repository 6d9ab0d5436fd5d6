package io.vidgan.replicas;

import io.vidgan.cli.Command;
import io.vidgan.cli.Flag;
import io.vidgan.cli.FlagSet;
import io.vidgan.cli.Flags;
import io.vidgan.data.BadInputs;
import io.vidgan.data.Datasets;
import io.vidgan.data.VideoDataset;
import io.vidgan.graphs.RunDirectory;
import io.vidgan.replicas.config.DivergenceWatchConfig;
import io.vidgan.replicas.config.TrainerConfig;
import io.vidgan.replicas.config.TrainerState;
import io.vidgan.replicas.devices.ClusterSpec;
import io.vidgan.replicas.devices.TfConfig;
import io.vidgan.replicas.samples.SampleRenderer;
import io.vidgan.replicas.samples.SampleSet;
import io.vidgan.replicas.samples.Sampler;
import java.util.Optional;

/**
 * {@code bin/train}: trains one stage with data-parallel replicas.
 *
 * <p>Resolves the run's settings ({@link RunSettings}), opens and checks every input (data, the
 * stage below), and only then writes {@code config.pbtxt} and {@code trainer.pbtxt} into the run
 * directory and hands over to {@link Trainer}: a command that fails on its input leaves nothing
 * behind. {@code --resume=RUN_DIR} continues a run from its newest checkpoint, or from step 0
 * when it stopped before its first one, with the settings it was started with; {@code
 * --auto-resume} does so when {@code --out} holds a run, so that a supervisor can restart the
 * command that started it.
 */
public final class Train extends Command {
  static final int SAMPLES = 8;

  /** Defaults of the run's settings: the {@code TrainerConfig} message's own. */
  private static final TrainerConfig D = TrainerConfig.getDefaultInstance();
  private static final DivergenceWatchConfig W = D.getDivergenceWatch();

  static final Flag<String> STAGE = Flag.choice("stage", "lres|sres", "stage to train", "lres",
      "sres").withDefault("lres");
  static final Flag<Integer> REPLICAS = Flag.integer("replicas", "N", "data-parallel replicas: "
      + "one per GPU (at most the GPUs present); without GPUs they share the CPU as one tower")
      .atLeast(1).withDefault(D.getReplicas());
  static final Flag<String> CONFIG = Flag.text("config", "FILE|PRESET", "stage config: a .pbtxt "
      + "file or a preset such as paper/kinetics_lres; small/<stage> when omitted");
  static final Flag<String> DATA = Flag.text("data", "SPEC", "dataset: builtin[:options] or a "
      + "path; plain builtin renders at the stage's base resolution").withDefault(D.getData());
  static final Flag<String> OUT = Flag.text("out", "DIR", "run directory; "
      + "runs/<stage>/<timestamp> when omitted");
  static final Flag<Long> STEPS = Flag.longInteger("steps", "N", "iterations (D steps + 1 G "
      + "step) to train").atLeast(1).withDefault(D.getSteps());
  static final Flag<Integer> BATCH = Flag.integer("batch", "N", "global batch size, divided "
      + "among replicas; the config's when omitted").atLeast(1);
  static final Flag<Integer> GRAD_ACCUM = Flag.integer("grad-accum", "K", "micro-batches per "
      + "update: each run takes batch/(replicas*K) examples per replica, gradients are averaged "
      + "over the K runs").atLeast(1).withDefault(D.getGradAccum());
  static final Flag<Long> SEED = Flag.longInteger("seed", "N", "seed of data order and noise")
      .withDefault(D.getSeed());
  static final Flag<String> RESUME = Flag.text("resume", "RUN_DIR", "continue this run from its "
      + "newest checkpoint");
  static final Flag<Boolean> AUTO_RESUME = Flag.toggle("auto-resume", "resume the run in --out "
      + "if it holds one, else start it: the same command starts a run and continues it after a "
      + "restart");
  static final Flag<Long> CHECKPOINT_EVERY = Flag.longInteger("checkpoint-every", "N",
      "iterations between checkpoints").atLeast(1).withDefault(D.getCheckpointEvery());
  static final Flag<Integer> KEEP_CHECKPOINTS = Flag.integer("keep-checkpoints", "N", "newest "
      + "checkpoints kept").atLeast(1).withDefault(D.getKeepCheckpoints());
  static final Flag<Long> SAMPLE_EVERY = Flag.longInteger("sample-every", "N", "iterations "
      + "between sample videos").atLeast(1).withDefault(D.getSampleEvery());
  static final Flag<Long> LOG_EVERY = Flag.longInteger("log-every", "N", "iterations between "
      + "progress lines").atLeast(1).withDefault(D.getLogEvery());
  static final Flag<Double> TIMEOUT = Flag.number("timeout", "SECONDS", "how long a step of a "
      + "cluster run may wait for another task before the run stops")
      .require(s -> s > 0, "must be > 0").withDefault((double) D.getTimeoutSeconds());
  static final Flag<Boolean> SKIP_BAD = Flag.toggle("skip-bad", "skip undecodable videos "
      + "instead of failing");
  static final Flag<Boolean> STOP_ON_DIVERGENCE = Flag.toggle("stop-on-divergence", "stop the "
      + "run when the divergence watchdog warns, keeping the last checkpoint");
  static final Flag<Long> DIVERGENCE_PLATEAU = Flag.longInteger("divergence-plateau", "N", "warn "
      + "when the D loss stays on one value for N iterations; 0 turns it off").atLeast(0)
      .withDefault(W.getPlateauSteps());
  static final Flag<Double> DIVERGENCE_GRAD_FACTOR = Flag.number("divergence-grad-factor", "X",
      "warn when a G or D gradient norm exceeds X times its recent median; 0 turns it off")
      .require(x -> x >= 0, "must be >= 0").withDefault((double) W.getGradNormFactor());

  static final Flag<TrainerConfig.Precision> PRECISION = Flag.oneOf("precision", "what "
      + "convolutions and matrix products compute in; variables, optimizer, normalisation "
      + "statistics and losses stay fp32 (bf16: falls back to fp32 on a CPU without AVX512_BF16 "
      + "or AMX; fp16: dynamic loss scaling per network, for GPUs: a CPU without AVX512_FP16 "
      + "runs it hundreds of times slower than fp32)",
      TrainerConfig.Precision.class)
      .withDefault(D.getPrecision());

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
  protected void declare(FlagSet flags) {
    flags.add(STAGE, REPLICAS, CONFIG, DATA, OUT, STEPS, BATCH, GRAD_ACCUM, SEED, RESUME,
        AUTO_RESUME,
        CHECKPOINT_EVERY, KEEP_CHECKPOINTS, SAMPLE_EVERY, LOG_EVERY, TIMEOUT, SKIP_BAD,
        STOP_ON_DIVERGENCE, DIVERGENCE_PLATEAU, DIVERGENCE_GRAD_FACTOR, PRECISION);
    ConditionFlags.declare(flags);
    EvaluationFlags.declare(flags);
    ClusterFlags.declare(flags);
    ClusterFlags.declareWait(flags);
  }

  @Override
  protected void run(Flags flags) throws Exception {
    if (!flags.has(ClusterFlags.CLUSTER)
        && TfConfig.fromEnvironment().map(TfConfig::task).orElse(0) > 0) {
      // one container command for every process of a TFJob: TF_CONFIG says this one is a worker
      new Worker().run(flags);
      return;
    }
    Optional<ClusterSpec> cluster = ClusterFlags.chief(flags);
    RunSettings r = RunSettings.of(flags, cluster);
    try (VideoDataset data = Datasets.openFlag(DATA.name(), r.run().getData(),
            new BadInputs(r.run().getSkipBad()), 0);
        Sampler sampler = new Sampler(r.config());
        PeriodicEvaluation evaluation = PeriodicEvaluation.open(r, data, sampler, System.out)) {
      SampleRenderer samples = new SampleRenderer(r.config(), sampler,
          r.runDir().resolve(RunDirectory.SAMPLES), new SampleSet(r.config(), SAMPLES,
              r.run().getSeed(), SampleInputs.lowRes(r.config(), r.below(), data, SAMPLES,
                  r.run().getSeed())));
      ReplicaHosts hosts = ClusterFlags.hosts(cluster, r.layout(), r.run());
      r.write();
      log("run directory: " + r.runDir().toAbsolutePath());
      r.dataWas().ifPresent(was -> log("data: " + r.run().getData() + " (was " + was + ")"));
      Checkpoints checkpoints = new Checkpoints(r.runDir(), r.run().getKeepCheckpoints());
      checkpoints.removeUnlisted();
      Checkpoints.Saved start = checkpoints.latest().orElse(null);
      if (start != null) {
        log("resuming from " + start.directory().getFileName() + " (step "
            + start.state().getStep() + ")");
      } else if (r.resumed()) {
        log("no checkpoint yet: starting from step 0 with the run's settings");
      }
      TrainerState end;
      try {
        end = new Trainer(r.config(), r.run(), hosts, r.runDir(), System.out)
            .train(data, start, samples, evaluation, r.below());
      } catch (RuntimeException e) {
        throw hosts.explain(e);
      }
      log(String.format("done: %d iterations in %.0f s of training", end.getStep(),
          end.getSeconds()));
    }
  }

  private static void log(String message) {
    System.out.println(message);
  }
}
