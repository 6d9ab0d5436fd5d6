package io.vidgan.replicas;

import io.vidgan.cli.ProgressBar;
import io.vidgan.data.BadInputs;
import io.vidgan.data.VideoDataset;
import io.vidgan.graphs.config.EmaConfig;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.replicas.config.TrainerConfig;
import io.vidgan.replicas.config.TrainerState;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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
  /** The bad inputs a run skipped ({@code --skip-bad}), one a line, in its run directory. */
  public static final String BAD_INPUTS_FILE = "bad_inputs.txt";

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
    int batch = config.getOptimization().getBatchSize()
        / (run.getReplicas() * run.getGradAccum());
    Devices devices = hosts.devices();
    Checkpoints checkpoints = new Checkpoints(runDir, run.getKeepCheckpoints());
    TrainerState state = start == null ? TrainerState.getDefaultInstance() : start.state();
    try (TrainingGraph graph = TrainingGraph.build(config, devices, batch, run.getGradAccum(),
        below == null ? null : below.levels());
        ReplicaInputs inputs = ReplicaInputs.open(dataset, config, run, batch, graph,
            state.getDataPositionsList());
        ReplicaHosts.Opened opened = hosts.open(graph.graph());
        RunSummaries summaries = new RunSummaries(runDir)) {
      Session session = opened.session();
      if (start != null) {
        session.restore(start.variablesPrefix());
      }
      if (below != null) {
        below.restore(graph, devices, session);
      }
      inputs.assignWorkers(session);
      Outputs out = new Outputs(session, checkpoints, summaries, samples, evaluation,
          dataset.badInputs());
      TrainerState end = loop(new StepRunner(graph, session), inputs, out, state);
      inputs.finishWorkers(session);
      return end;
    }
  }

  /**
   * Where an iteration's results go: checkpoints, TensorBoard, samples, the train-time
   * evaluation, the bad-input list.
   */
  private record Outputs(Session session, Checkpoints checkpoints, RunSummaries summaries,
      SampleRenderer samples, PeriodicEvaluation evaluation, BadInputs bad) {}

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
      long runIndex = (step - 1) * (dSteps + 1);
      StepRunner.Losses d = null;
      for (int k = 0; k < dSteps; k++) {
        d = update(true, runner, inputs, progress, runIndex + k);
      }
      StepRunner.Losses g = update(false, runner, inputs, progress, runIndex + dSteps);
      EmaConfig ema = config.getOptimization().getEma();
      if (ema.getEnabled()) {
        runner.updateEma(step >= ema.getStartStep() ? ema.getDecay() : 0f);
      }
      checkFinite(step, d, g);
      warning = watched(step, watch.observe(d.total(), g.gradNorm(), d.gradNorm()), warning);
      double dt = (System.nanoTime() - t0) / 1e9;
      seconds += dt;
      progress.step(dt);
      current = TrainerState.newBuilder().setStep(step).setSeconds(seconds)
          .addAllDataPositions(inputs.positions(runner)).build();
      if (step % run.getLogEvery() == 0 || step == run.getSteps()) {
        report(step, d, g, progress, out, warning);
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
      Checkpoints.Saved saved = out.checkpoints().save(out.session(), current);
      prefix = saved.variablesPrefix();
      out.bad().writeTo(runDir.resolve(BAD_INPUTS_FILE));
      if (evaluate) {
        out.evaluation().evaluate(step, saved, useEma, out.checkpoints(), out.summaries());
      }
    }
    if (sample) {
      SampleRenderer.Rendered r = out.samples().render(prefix != null ? prefix
          : out.checkpoints().saveScratch(out.session()), step, useEma);
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
   * the last one applies; the losses are their means. Micro-batch {@code j} of update {@code u} is
   * run {@code u * grad_accum + j}, so without accumulation run and update indices agree.
   */
  private StepRunner.Losses update(boolean discriminator, StepRunner runner,
      ReplicaInputs inputs, Progress progress, long update) throws IOException {
    int micro = run.getGradAccum();
    float total = 0;
    float real = 0;
    float fake = 0;
    StepRunner.Losses last = null;
    for (int j = 0; j < micro; j++) {
      long index = update * micro + j;
      boolean apply = j == micro - 1;
      try (ReplicaFeed.All f = inputs.next(progress)) {
        long seed = run.getSeed();
        if (discriminator) {
          last = apply ? runner.discriminatorStep(f.list(), seed, index)
              : runner.accumulateDiscriminator(f.list(), seed, index);
        } else {
          last = apply ? runner.generatorStep(f.list(), seed, index)
              : runner.accumulateGenerator(f.list(), seed, index);
        }
      }
      total += last.total();
      real += last.real();
      fake += last.fake();
    }
    return new StepRunner.Losses(total / micro, real / micro, fake / micro, last.gradNorm());
  }

  private static void checkFinite(long step, StepRunner.Losses d, StepRunner.Losses g) {
    Map<String, Float> values = new LinkedHashMap<>();
    values.put("loss/D", d.total());
    values.put("grad_norm/D", d.gradNorm());
    values.put("loss/G_hinge", g.total());
    values.put("grad_norm/G", g.gradNorm());
    values.forEach((name, v) -> {
      if (!Float.isFinite(v)) {
        throw new TrainingDivergedException("step " + step + ": " + name + " is " + v
            + "; stopping before writing a checkpoint (the last one on disk is good)");
      }
    });
  }

  private void report(long step, StepRunner.Losses d, StepRunner.Losses g, Progress progress,
      Outputs out, Optional<String> warning) {
    double kimg = step * config.getOptimization().getDStepsPerGStep()
        * (double) config.getOptimization().getBatchSize() / 1000;
    int skipped = out.bad().count();
    log.printf(Locale.ROOT, "step %d/%d  kimg %.1f  D %.3f (real %.3f fake %.3f)  G %.3f  "
        + "%.2f it/s  data wait %.0f%%  ETA %s%s%s%n", step, run.getSteps(), kimg, d.total(),
        d.real(), d.fake(), g.total(), progress.rate(), 100 * progress.waitFraction(),
        ProgressBar.duration(progress.eta(run.getSteps() - step)),
        skipped > 0 ? "  skipped " + skipped + " bad inputs" : "",
        warning.map(w -> "  DIVERGING: " + w).orElse(""));
    Map<String, Float> scalars = new LinkedHashMap<>();
    scalars.put("loss/D", d.total());
    scalars.put("loss/D_real", d.real());
    scalars.put("loss/D_fake", d.fake());
    scalars.put("loss/G_hinge", g.total());
    scalars.put("grad_norm/D", d.gradNorm());
    scalars.put("grad_norm/G", g.gradNorm());
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
