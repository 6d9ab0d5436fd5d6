package io.vidgan.replicas;

import io.vidgan.cli.Command;
import io.vidgan.cli.Flags;
import io.vidgan.data.BadInputs;
import io.vidgan.data.Datasets;
import io.vidgan.data.VideoDataset;
import io.vidgan.graphs.RunDirectory;
import io.vidgan.replicas.config.DivergenceWatchConfig;
import io.vidgan.replicas.config.TrainerConfig;
import io.vidgan.replicas.config.TrainerState;
import java.util.Optional;
import org.apache.commons.cli.Options;

/**
 * {@code bin/train}: trains one stage with data-parallel replicas.
 *
 * <p>Resolves the run's settings ({@link RunSettings}), opens and checks every input (data, the
 * stage below), and only then writes {@code config.pbtxt} and {@code trainer.pbtxt} into the run
 * directory and hands over to {@link Trainer}: a command that fails on its input leaves nothing
 * behind. {@code --resume=RUN_DIR} continues a run from its newest checkpoint, or from step 0
 * when it stopped before its first one, with the settings it was started with.
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
    DivergenceWatchConfig w = d.getDivergenceWatch();
    o.addOption(Flags.toggle("stop-on-divergence", "stop the run when the divergence watchdog "
        + "warns, keeping the last checkpoint (default: false)"));
    o.addOption(Flags.flag("divergence-plateau", "N", "warn when the D loss stays on one value "
        + "for N iterations; 0 turns it off (default: " + w.getPlateauSteps() + ")"));
    o.addOption(Flags.flag("divergence-grad-factor", "X", "warn when a G or D gradient norm "
        + "exceeds X times its recent median; 0 turns it off (default: "
        + w.getGradNormFactor() + ")"));
  }

  @Override
  protected void run(Flags flags) throws Exception {
    if (!flags.has("cluster") && TfConfig.fromEnvironment().map(TfConfig::task).orElse(0) > 0) {
      // one container command for every process of a TFJob: TF_CONFIG says this one is a worker
      new Worker().run(flags);
      return;
    }
    Optional<ClusterSpec> cluster = ClusterFlags.chief(flags);
    RunSettings r = flags.has("resume") ? RunSettings.resume(flags, cluster)
        : RunSettings.fresh(flags, cluster);
    try (VideoDataset data = Datasets.openFlag("data", r.run().getData(),
            new BadInputs(r.run().getSkipBad()), 0);
        SampleRenderer samples = new SampleRenderer(r.config(),
            r.runDir().resolve(RunDirectory.SAMPLES), SAMPLES, r.run().getSeed(),
            SampleInputs.lowRes(r.config(), r.run(), r.below(), data, SAMPLES))) {
      ReplicaHosts hosts = ClusterFlags.hosts(cluster, r.layout(), r.run().getTimeoutSeconds());
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
            .train(data, start, samples, r.below());
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
