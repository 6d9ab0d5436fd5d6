package io.vidgan.replicas;

import io.vidgan.cli.Flag;
import io.vidgan.cli.FlagSet;
import io.vidgan.cli.Flags;
import io.vidgan.cli.UsageException;
import io.vidgan.data.Datasets;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.optim.DynamicLossScale;
import io.vidgan.replicas.config.DivergenceWatchConfig;
import io.vidgan.replicas.config.TrainerConfig;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * The flags of {@code bin/train} that say which run to start or resume and how to train it: read
 * by {@link RunSettings} into the run's {@code TrainerConfig}, declared by {@link Train}.
 */
final class TrainFlags {
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
  static final Flag<Double> LOSS_SCALE = Flag.number("loss-scale", "S", "with --precision=fp16: "
      + "the first steps' loss scale of G and D, a power of two; halved on every update with a "
      + "non-finite gradient (which is skipped), doubled after --loss-scale-growth finite ones")
      .require(DynamicLossScale.Settings::isScale, "must be a power of two >= 1")
      .withDefault((double) D.getLossScale());
  static final Flag<Integer> LOSS_SCALE_GROWTH = Flag.integer("loss-scale-growth", "N", "with "
      + "--precision=fp16: consecutive finite updates after which the loss scale doubles")
      .atLeast(1).atMost(DynamicLossScale.MAX_GROWTH_INTERVAL)
      .withDefault(D.getLossScaleGrowth());

  private TrainFlags() {}

  static void declare(FlagSet flags) {
    flags.add(STAGE, REPLICAS, CONFIG, DATA, OUT, STEPS, BATCH, GRAD_ACCUM, SEED, RESUME,
        AUTO_RESUME, CHECKPOINT_EVERY, KEEP_CHECKPOINTS, SAMPLE_EVERY, LOG_EVERY, TIMEOUT,
        SKIP_BAD, STOP_ON_DIVERGENCE, DIVERGENCE_PLATEAU, DIVERGENCE_GRAD_FACTOR, PRECISION,
        LOSS_SCALE, LOSS_SCALE_GROWTH);
  }

  /**
   * Sets each field of {@code run} whose flag {@code given} accepts, to the flag's value or its
   * default (the field's own).
   */
  static TrainerConfig.Builder apply(Flags f, TrainerConfig.Builder run, StageConfig c,
      Predicate<Flag<?>> given) {
    if (given.test(REPLICAS)) {
      run.setReplicas(ClusterFlags.replicas(f, REPLICAS, ClusterFlags.cluster(f)));
    }
    Setter set = new Setter(f, given);
    set.field(DATA, data -> run.setData(dataSpec(data, c)));
    set.field(STEPS, run::setSteps);
    set.field(GRAD_ACCUM, run::setGradAccum);
    set.field(SEED, run::setSeed);
    set.field(PRECISION, run::setPrecision);
    set.field(LOSS_SCALE, scale -> run.setLossScale(scale.floatValue()));
    set.field(LOSS_SCALE_GROWTH, run::setLossScaleGrowth);
    for (Flag<?> fp16Only : List.of(LOSS_SCALE, LOSS_SCALE_GROWTH)) {
      if (f.has(fp16Only) && run.getPrecision() != TrainerConfig.Precision.FP16) {
        throw new UsageException("--" + fp16Only.name() + " is for --precision=fp16 (dynamic "
            + "loss scaling), not " + run.getPrecision());
      }
    }
    set.field(CHECKPOINT_EVERY, run::setCheckpointEvery);
    set.field(KEEP_CHECKPOINTS, run::setKeepCheckpoints);
    set.field(SAMPLE_EVERY, run::setSampleEvery);
    set.field(LOG_EVERY, run::setLogEvery);
    set.field(SKIP_BAD, run::setSkipBad);
    set.field(TIMEOUT, seconds -> run.setTimeoutSeconds(seconds.floatValue()));
    set.field(ClusterFlags.WAIT_FOR_WORKERS,
        seconds -> run.setWaitForWorkersSeconds(seconds.floatValue()));
    DivergenceWatchConfig.Builder watch = run.getDivergenceWatchBuilder();
    set.field(STOP_ON_DIVERGENCE, watch::setStop);
    set.field(DIVERGENCE_PLATEAU, watch::setPlateauSteps);
    set.field(DIVERGENCE_GRAD_FACTOR, x -> watch.setGradNormFactor(x.floatValue()));
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

  /**
   * The dataset spec to record: plain {@code builtin} becomes the built-in dataset rendered at
   * the stage's base resolution (rendering 128x128 frames to train on 32x32 would spend most of
   * a small run in the renderer; every resolution renders the same scenes).
   */
  private static String dataSpec(String spec, StageConfig c) {
    if (!spec.equals(Datasets.BUILTIN)) {
      return spec;
    }
    int h = c.getData().hasBaseHeight() ? c.getData().getBaseHeight() : c.getVideo().getHeight();
    int w = c.getData().hasBaseWidth() ? c.getData().getBaseWidth() : c.getVideo().getWidth();
    return spec + ":height=" + h + ",width=" + w;
  }
}
