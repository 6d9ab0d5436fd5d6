package io.vidgan.replicas;

import io.vidgan.cli.Command;
import io.vidgan.cli.FlagSet;
import io.vidgan.cli.Flags;
import io.vidgan.data.BadInputs;
import io.vidgan.data.Datasets;
import io.vidgan.data.VideoDataset;
import io.vidgan.graphs.RunDirectory;
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
 * command that started it. Its flags are declared by {@link TrainFlags}, {@link ConditionFlags},
 * {@link EvaluationFlags} and {@link ClusterFlags}, which {@link RunSettings} reads.
 */
public final class Train extends Command {
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
  protected void declare(FlagSet flags) {
    TrainFlags.declare(flags);
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
    try (VideoDataset data = Datasets.openFlag(TrainFlags.DATA.name(), r.run().getData(),
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
