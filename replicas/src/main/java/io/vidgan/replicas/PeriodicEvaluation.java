package io.vidgan.replicas;

import com.google.protobuf.TextFormat;
import io.vidgan.cli.UsageException;
import io.vidgan.data.VideoDataset;
import io.vidgan.replicas.config.CheckpointEvaluation;
import io.vidgan.replicas.config.EvaluationConfig;
import io.vidgan.replicas.evaluation.EvaluationProvider;
import io.vidgan.replicas.evaluation.GeneratedClips;
import io.vidgan.replicas.evaluation.TrainingEvaluation;
import io.vidgan.replicas.samples.SampleSet;
import io.vidgan.replicas.samples.Sampler;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;

/**
 * The train-time evaluation of a run ({@code --eval-every}), as LongVideoGAN scores each checkpoint
 * of a run with FVD and StyleGAN-V (Sec. 4) keeps the one with the best FVD: every {@code every}
 * iterations the checkpoint written then is scored by the {@link TrainingEvaluation} on the
 * classpath, on the clips the generator makes of a fixed {@link SampleSet} (EMA weights once the
 * EMA has started, as samples are rendered). The score goes to TensorBoard and the log, into the
 * checkpoint ({@value #FILE}), and the link {@code best} follows the lowest ({@link
 * Checkpoints#markBest}). The share of the run's time spent evaluating is logged and written as
 * {@code timing/eval_fraction}.
 *
 * <p>Evaluation steps always write a checkpoint: the generator is restored from variables on disk
 * in a graph of its own anyway (as for samples), so a checkpoint costs what a scratch copy would,
 * and the best is then always a checkpoint that can be resumed, exported or scored again.
 */
final class PeriodicEvaluation implements AutoCloseable {
  /** A checkpoint's score, in its directory. */
  static final String FILE = "evaluation.pbtxt";
  /** Videos per run of the generator. */
  static final int BATCH = 8;
  private static final long SEED_SALT = 0x6576616cL;

  private final long every;
  private final TrainingEvaluation evaluation;
  private final Sampler sampler;
  private final SampleSet inputs;
  private final RunSettings settings;
  private final PrintStream log;
  private final long start = System.nanoTime();
  private double seconds;
  private Optional<CheckpointEvaluation> best;

  private PeriodicEvaluation(long every, TrainingEvaluation evaluation, Sampler sampler,
      SampleSet inputs, RunSettings settings, PrintStream log,
      Optional<CheckpointEvaluation> best) {
    this.every = every;
    this.evaluation = evaluation;
    this.sampler = sampler;
    this.inputs = inputs;
    this.settings = settings;
    this.log = log;
    this.best = best;
  }

  /**
   * The evaluation {@code r} asks for (none when {@code eval_every} is 0), its provider opened and
   * checked against the run's best checkpoint before anything is written.
   *
   * @param sampler the stage's generator, shared with the sample videos
   * @throws UsageException without a provider on the classpath, for weights the provider cannot
   *     use, or for a measure other than the one the run's best was scored with
   */
  static PeriodicEvaluation open(RunSettings r, VideoDataset data, Sampler sampler,
      PrintStream log) throws IOException {
    EvaluationConfig c = r.run().getEvaluation();
    if (c.getEvery() == 0) {
      return new PeriodicEvaluation(0, null, sampler, null, r, log, Optional.empty());
    }
    EvaluationProvider provider = ServiceLoader.load(EvaluationProvider.class).findFirst()
        .orElseThrow(() -> new UsageException("--" + EvaluationFlags.EVERY.name()
            + ": no train-time evaluation on the classpath (metrics-i3d provides FVD; bin/train "
            + "runs with it)"));
    long seed = r.run().getSeed() ^ SEED_SALT;
    TrainingEvaluation evaluation;
    try {
      evaluation = provider.open(new EvaluationProvider.Setup(c.getWeights(), r.config(), data,
          c.getClips(), seed, r.runDir()));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--" + EvaluationFlags.I3D.name() + ": " + e.getMessage(), e);
    }
    try {
      Optional<CheckpointEvaluation> best = recordedBest(r.runDir());
      checkSameMeasure(best, evaluation.measure());
      SampleSet inputs = new SampleSet(r.config(), c.getClips(), seed,
          SampleInputs.lowRes(r.config(), r.below(), data, c.getClips(), seed));
      return new PeriodicEvaluation(c.getEvery(), evaluation, sampler, inputs, r, log, best);
    } catch (IOException | RuntimeException e) {
      evaluation.close();
      throw e;
    }
  }

  /** Whether {@code step} is scored (and so writes a checkpoint). */
  boolean due(long step) {
    return every > 0 && step % every == 0;
  }

  /** Scores {@code saved}, the checkpoint of {@code step}, and moves {@code best} if it wins. */
  void evaluate(long step, Checkpoints.Saved saved, boolean useEma, Checkpoints checkpoints,
      RunSummaries summaries) throws IOException {
    long t0 = System.nanoTime();
    sampler.restore(saved.variablesPrefix(), useEma);
    String source = (useEma ? "EMA" : "raw") + " generator of " + saved.directory().getFileName();
    double value = evaluation.score(new GeneratedClips(inputs, sampler,
        settings.config().getVideo(), BATCH, source));
    TrainingEvaluation.Measure m = evaluation.measure();
    CheckpointEvaluation score = CheckpointEvaluation.newBuilder().setStep(step)
        .setMetric(m.metric()).setValue(value).setProtocol(m.protocol())
        .setWeightsSha256(m.weightsSha256()).build();
    write(saved.directory().resolve(FILE), score);
    if (Double.isFinite(value) && (best.isEmpty() || value < best.get().getValue())) {
      checkpoints.markBest(saved);
      best = Optional.of(score);
    }
    double took = (System.nanoTime() - t0) / 1e9;
    seconds += took;
    double fraction = seconds / ((System.nanoTime() - start) / 1e9);
    Map<String, Float> scalars = new LinkedHashMap<>();
    scalars.put(m.metric(), (float) value);
    scalars.put("timing/eval_fraction", (float) fraction);
    scalars.put("timing/eval_seconds", (float) took);
    summaries.scalars(step, scalars);
    log.printf(Locale.ROOT, "step %d  %s %.3f (%s, %s)  best %.3f at step %d  eval %.1f s, %.0f%%"
        + " of run time%n", step, m.metric(), value, m.protocol(), source,
        best.map(CheckpointEvaluation::getValue).orElse(Double.NaN),
        best.map(CheckpointEvaluation::getStep).orElse(-1L), took, 100 * fraction);
  }

  private static void checkSameMeasure(Optional<CheckpointEvaluation> best,
      TrainingEvaluation.Measure now) {
    if (best.isEmpty()) {
      return;
    }
    CheckpointEvaluation b = best.get();
    TrainingEvaluation.Measure was = new TrainingEvaluation.Measure(b.getMetric(),
        b.getProtocol(), b.getWeightsSha256());
    if (!was.equals(now)) {
      throw new UsageException("--" + EvaluationFlags.I3D.name() + "/--"
          + EvaluationFlags.CLIPS.name() + " score " + now.metric() + " " + now.protocol() + " with weights sha256 "
          + now.weightsSha256() + ", but the run's best checkpoint (step " + b.getStep()
          + ") was scored " + was.metric() + " " + was.protocol() + " with weights sha256 "
          + was.weightsSha256() + "; scores do not compare across them: give the run's weights"
          + " and clip count, or start a new run");
    }
  }

  /** The score of the checkpoint {@code best} names, if any. */
  private static Optional<CheckpointEvaluation> recordedBest(Path runDir) throws IOException {
    Optional<Path> dir = new Checkpoints(runDir, 1).best();
    if (dir.isEmpty() || !Files.isRegularFile(dir.get().resolve(FILE))) {
      return Optional.empty();
    }
    Path file = dir.get().resolve(FILE);
    CheckpointEvaluation.Builder b = CheckpointEvaluation.newBuilder();
    try {
      TextFormat.merge(Files.readString(file, StandardCharsets.UTF_8), b);
    } catch (TextFormat.ParseException e) {
      throw new IOException(file + ": " + e.getMessage(), e);
    }
    return Optional.of(b.build());
  }

  private static void write(Path file, CheckpointEvaluation score) throws IOException {
    Path tmp = Files.createTempFile(file.getParent(), FILE, ".tmp");
    Files.writeString(tmp, TextFormat.printer().printToString(score), StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }

  @Override
  public void close() {
    if (evaluation != null) {
      evaluation.close();
    }
  }
}
