package io.vidgan.replicas;

import io.vidgan.cli.ProgressBar;
import io.vidgan.data.BadInputs;
import io.vidgan.data.VideoDataset;
import io.vidgan.graphs.RunDirectory;
import io.vidgan.graphs.StepOutput;
import io.vidgan.graphs.TrainingStep;
import io.vidgan.graphs.Update;
import io.vidgan.graphs.config.EmaConfig;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.ops.Precision;
import io.vidgan.ops.io.VariableSaver;
import io.vidgan.replicas.config.TrainerConfig;
import io.vidgan.replicas.config.TrainerState;
import io.vidgan.replicas.devices.Devices;
import io.vidgan.replicas.devices.HostCpu;
import io.vidgan.replicas.devices.ReplicaLayout;
import io.vidgan.replicas.samples.SampleRenderer;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.tensorflow.Session;

/**
 * The training loop of one stage: per iteration {@code d_steps_per_g_step} D updates and one G
 * update (plus the EMA), each on fresh batches for every replica; console progress, TensorBoard
 * scalars, atomic checkpoints and sample videos at their intervals.
 *
 * <p>Everything random is a function of the run's seed and the iteration (noise per run index,
 * data per stream position), and a checkpoint stores the stream positions, so a run resumed from
 * a checkpoint continues exactly as if it had not stopped. A non-finite loss or gradient stops the
 * run before its checkpoint is written, so the last checkpoint on disk is a good one.
 */
public final class Trainer {
  private final StageConfig config;
  private final TrainerConfig run;
  private final ReplicaHosts hosts;
  private final Path runDir;
  private final PrintStream log;

  public Trainer(StageConfig config, TrainerConfig run, ReplicaHosts hosts, Path runDir,
      PrintStream log) {
    this.config = config;
    this.run = run;
    this.hosts = hosts;
    this.runDir = runDir;
    this.log = log;
  }

  /**
   * Trains from {@code start} (a fresh state, or a checkpoint's) to {@code run.steps}.
   *
   * @param evaluation scores the checkpoints of its steps ({@code --eval-every})
   * @param below a super-resolution stage's frozen stages below, restored into the graph after
   *     {@code start}, or null to condition fake pairs on real low-res views
   */
  TrainerState train(VideoDataset dataset, Checkpoints.Saved start, SampleRenderer samples,
      PeriodicEvaluation evaluation, StageBelowChain below) throws IOException {
    ReplicaLayout layout = hosts.layout();
    Devices devices = layout.devices();
    Checkpoints checkpoints = new Checkpoints(runDir, run.getKeepCheckpoints());
    TrainerState state = start == null ? TrainerState.getDefaultInstance() : start.state();
    Precision precision = ComputePrecision.resolve(run.getPrecision(), devices, log::println);
    if (devices.onCpu()) {
      HostCpu.read().cacheWarning().ifPresent(log::println);
    }
    try (TrainingGraph graph = TrainingGraph.build(config, devices, layout.batchPerReplica(),
        layout.accumulation(), below == null ? null : below.levels(), precision,
        ComputePrecision.lossScale(precision, run));
        ReplicaInputs inputs = ReplicaInputs.open(dataset, config, run, layout.batchPerReplica(),
            graph, state.getDataPositionsList());
        ReplicaHosts.Opened opened = hosts.open(graph.graph());
        RunSummaries summaries = new RunSummaries(runDir)) {
      Session session = opened.session();
      VariableSaver saver = Checkpoints.saver(graph.graph(), devices.parameters());
      if (start != null) {
        saver.restore(session, start.variablesPrefix());
      }
      if (below != null) {
        below.restore(graph, devices, session);
      }
      inputs.assignWorkers(session);
      Outputs out = new Outputs(prefix -> saver.save(session, prefix), checkpoints, summaries,
          samples, evaluation, dataset.badInputs());
      TrainerState end;
      Optional<StageBelowProducer> producer = StageBelowProducer.start(graph, session,
          run.getSeed(), firstRun(state.getStep()));
      try {
        end = loop(new StepRunner(graph, session), inputs, out, state);
      } catch (RuntimeException e) {
        throw producer.map(p -> p.explain(e)).orElse(e);
      } finally {
        producer.ifPresent(StageBelowProducer::close);
      }
      inputs.finishWorkers(session);
      return end;
    }
  }

  /**
   * The index of the first run after step {@code step}: the first micro-batch ({@link #update})
   * of the first update of step {@code step + 1}.
   */
  private long firstRun(long step) {
    return firstUpdate(step + 1) * hosts.layout().accumulation();
  }

  /** The index of step {@code step}'s first update: each step makes d_steps_per_g_step + 1. */
  private long firstUpdate(long step) {
    return (step - 1) * (config.getOptimization().getDStepsPerGStep() + 1);
  }

  /**
   * Where an iteration's results go: checkpoints (their variables written by {@code variables},
   * {@link Checkpoints#saver}), TensorBoard, samples, the train-time evaluation, the bad-input
   * list.
   */
  private record Outputs(Consumer<String> variables, Checkpoints checkpoints,
      RunSummaries summaries, SampleRenderer samples, PeriodicEvaluation evaluation,
      BadInputs bad) {}

  private TrainerState loop(StepRunner runner, ReplicaInputs inputs, Outputs out,
      TrainerState state) throws IOException {
    int dSteps = config.getOptimization().getDStepsPerGStep();
    double seconds = state.getSeconds();
    Progress progress = new Progress();
    DivergenceWatch watch = new DivergenceWatch(run.getDivergenceWatch());
    Optional<String> warning = Optional.empty();
    TrainerState current = state;
    for (long step = state.getStep() + 1; step <= run.getSteps(); step++) {
      long t0 = System.nanoTime();
      long runIndex = firstUpdate(step);
      StepValues d = null;
      for (int k = 0; k < dSteps; k++) {
        d = update(Update.D, runner, inputs, progress, runIndex + k);
      }
      StepValues g = update(Update.G, runner, inputs, progress, runIndex + dSteps);
      EmaConfig ema = config.getOptimization().getEma();
      if (ema.getEnabled()) {
        runner.updateEma(step >= ema.getStartStep() ? ema.getDecay() : 0f);
      }
      StepValues values = d.plus(g);
      checkFinite(step, runner.outputs(), values);
      warning = watched(step, watch.observe(values), warning);
      double dt = (System.nanoTime() - t0) / 1e9;
      seconds += dt;
      progress.step(dt);
      current = TrainerState.newBuilder().setStep(step).setSeconds(seconds)
          .addAllDataPositions(inputs.positions(runner)).build();
      if (step % run.getLogEvery() == 0 || step == run.getSteps()) {
        report(step, runner.outputs(), values, progress, out, warning);
      }
      persist(step, current, out);
    }
    return current;
  }

  /**
   * Logs a divergence warning when it starts or changes, and stops the run before this
   * iteration's checkpoint when asked to ({@code --stop-on-divergence}).
   *
   * @return the warning now in force
   */
  private Optional<String> watched(long step, Optional<String> now, Optional<String> before) {
    if (now.isPresent() && run.getDivergenceWatch().getStop()) {
      throw new TrainingDivergedException("step " + step + ": " + now.get() + "; stopping "
          + "(--stop-on-divergence) before writing a checkpoint (the last one on disk is kept)");
    }
    if (now.isPresent() && !now.equals(before)) {
      log.println("warning: step " + step + ": training looks diverged: " + now.get());
    }
    return now;
  }

  /**
   * Writes the checkpoint, evaluation and samples due at {@code step}. An evaluation step always
   * writes a checkpoint (see {@link PeriodicEvaluation}); samples between checkpoints render from
   * a scratch copy of the variables, so they never add a checkpoint.
   */
  private void persist(long step, TrainerState current, Outputs out) throws IOException {
    boolean last = step == run.getSteps();
    boolean evaluate = out.evaluation().due(step);
    boolean checkpoint = step % run.getCheckpointEvery() == 0 || last || evaluate;
    boolean sample = out.samples() != null && (step % run.getSampleEvery() == 0 || last);
    EmaConfig ema = config.getOptimization().getEma();
    boolean useEma = ema.getEnabled() && step >= ema.getStartStep();
    String prefix = null;
    if (checkpoint) {
      Checkpoints.Saved saved = out.checkpoints().save(out.variables(), current);
      prefix = saved.variablesPrefix();
      out.bad().writeTo(runDir.resolve(RunDirectory.BAD_INPUTS));
      if (evaluate) {
        out.evaluation().evaluate(step, saved, useEma, out.checkpoints(), out.summaries());
      }
    }
    if (sample) {
      SampleRenderer.Rendered r = out.samples().render(prefix != null ? prefix
          : out.checkpoints().saveScratch(out.variables()), step, useEma);
      out.checkpoints().removeScratch();
      out.summaries().gif(step, "samples/grid", r.gifBytes(), r.grid().height(),
          r.grid().width());
      log.println("samples: " + r.gif());
    }
    if (checkpoint || sample) {
      out.summaries().flush();
    }
  }

  /**
   * One update of D or G from {@code grad_accum} micro-batches: all but the last are accumulated,
   * the last one applies; the values are their means ({@link StepValues#ofUpdate}). Micro-batch
   * {@code j} of update {@code u} is run {@code u * grad_accum + j}, so without accumulation run
   * and update indices agree.
   */
  private StepValues update(Update which, StepRunner runner, ReplicaInputs inputs,
      Progress progress, long update) throws IOException {
    int micro = hosts.layout().accumulation();
    List<StepValues> runs = new ArrayList<>(micro);
    for (int j = 0; j < micro; j++) {
      long index = update * micro + j;
      try (ReplicaFeed.All f = inputs.next(progress)) {
        long seed = run.getSeed();
        runs.add(j == micro - 1 ? runner.apply(which, f.list(), seed, index)
            : runner.accumulate(which, f.list(), seed, index));
      }
    }
    return StepValues.ofUpdate(runs);
  }

  /** Stops the run at the first output that must be finite and is not, in declared order. */
  private static void checkFinite(long step, List<StepOutput> outputs, StepValues values) {
    for (StepOutput o : outputs) {
      float v = values.get(o);
      if (o.mustBeFinite() && !Float.isFinite(v)) {
        throw new TrainingDivergedException("step " + step + ": " + o.tag() + " is " + v
            + "; stopping before writing a checkpoint (the last one on disk is good)");
      }
    }
  }

  private void report(long step, List<StepOutput> outputs, StepValues values, Progress progress,
      Outputs out, Optional<String> warning) {
    double kimg = step * config.getOptimization().getDStepsPerGStep()
        * (double) config.getOptimization().getBatchSize() / 1000;
    int skipped = out.bad().count();
    log.printf(Locale.ROOT, "step %d/%d  kimg %.1f  D %.3f (real %.3f fake %.3f)  G %.3f  "
        + "%.2f it/s  data wait %.0f%%  ETA %s%s%s%n", step, run.getSteps(), kimg,
        values.get(TrainingStep.LOSS_D), values.get(TrainingStep.LOSS_D_REAL),
        values.get(TrainingStep.LOSS_D_FAKE), values.get(TrainingStep.LOSS_G), progress.rate(),
        100 * progress.waitFraction(),
        ProgressBar.duration(progress.eta(run.getSteps() - step)),
        skipped > 0 ? "  skipped " + skipped + " bad inputs" : "",
        warning.map(w -> "  DIVERGING: " + w).orElse(""));
    Map<String, Float> scalars = new LinkedHashMap<>();
    outputs.forEach(o -> scalars.put(o.tag(), values.get(o)));
    scalars.put("progress/kimg", (float) kimg);
    scalars.put("progress/lr_G", config.getOptimization().getGeneratorAdam().getLearningRate());
    scalars.put("progress/lr_D",
        config.getOptimization().getDiscriminatorAdam().getLearningRate());
    scalars.put("timing/sec_per_step", (float) progress.secondsPerStep());
    scalars.put("timing/data_wait_fraction", (float) progress.waitFraction());
    scalars.put("data/skipped_bad_inputs", (float) skipped);
    scalars.put("health/diverging", warning.isPresent() ? 1f : 0f);
    out.summaries().scalars(step, scalars);
  }
}
