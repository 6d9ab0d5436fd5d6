package io.vidgan.replicas;

import io.vidgan.cli.Command;
import io.vidgan.cli.Flag;
import io.vidgan.cli.FlagSet;
import io.vidgan.cli.Flags;
import io.vidgan.cli.UsageException;
import io.vidgan.data.BadInputs;
import io.vidgan.data.Datasets;
import io.vidgan.replicas.devices.ClusterServer;
import io.vidgan.replicas.devices.ClusterSpec;
import io.vidgan.replicas.devices.Devices;
import java.util.Optional;

/**
 * {@code bin/worker}: serves one non-chief task of a training cluster until the run is finished.
 * The chief ({@code bin/train --cluster=... --task=0}) places this host's share of the replicas on
 * its devices and drives every step; this process reads those replicas' data ({@link
 * TaskInputFeeder}).
 *
 * <p>A worker serves one chief process ({@link ServedChief}): when that chief is gone, or another
 * one greets it, the worker exits with {@link #RESTART_STATUS} so that its supervisor ({@code
 * bin/supervise}, a Kubernetes restart policy) starts it again with a fresh TF server. A worker
 * that no chief greets within {@code --wait-for-chief} exits with {@link #NO_CHIEF_STATUS}: the
 * run it would serve has finished (its chief told the workers it served and exited), or its chief
 * never started; both leave the chief's address closed, so the worker cannot tell which ({@link
 * ServedChief}), and ends as a worker whose run finished does, so that supervisors stop.
 */
public final class Worker extends Command {
  /** The exit status asking the supervisor for a restart (sysexits' EX_TEMPFAIL). */
  public static final int RESTART_STATUS = 75;
  /** The exit status of a worker that no chief greeted within {@code --wait-for-chief}. */
  public static final int NO_CHIEF_STATUS = 0;
  static final Flag<Integer> REPLICAS = Flag.integer("replicas", "N", "replicas of the whole "
      + "run, as given to bin/train; one per task when omitted").atLeast(1);
  static final Flag<String> DATA = Flag.text("data", "SPEC", "the dataset on this host, if its "
      + "path differs from the chief's --data; this task reads its replicas' shards itself");

  public static void main(String[] args) {
    Command.main(new Worker(), args);
  }

  @Override
  protected String name() {
    return "worker";
  }

  @Override
  protected String summary() {
    return "Serves one task of a TensorFlow gRPC training cluster (its share of the replicas) "
        + "until the run is finished; bin/train --task=0 is the chief. Exits with status "
        + RESTART_STATUS + " when its chief is gone or replaced: supervise it to restart it; "
        + "exits with status " + NO_CHIEF_STATUS + " when no chief greets it within "
        + "--wait-for-chief.";
  }

  @Override
  protected void declare(FlagSet flags) {
    ClusterFlags.declare(flags);
    flags.add(REPLICAS, DATA);
  }

  @Override
  protected void run(Flags flags) throws Exception {
    ClusterSpec cluster = ClusterFlags.cluster(flags).orElseThrow(
        () -> new UsageException("missing required flag --cluster"));
    int task = ClusterFlags.task(flags, cluster);
    if (task == 0) {
      throw new UsageException("--task: task 0 is the chief; start it with bin/train "
          + "--cluster=" + cluster + " --task=0");
    }
    Devices devices = ClusterFlags.devices(cluster,
        ClusterFlags.replicas(flags, REPLICAS, Optional.of(cluster)));
    if (flags.has(DATA)) {
      // Checked before serving; bad records are the chief's --skip-bad's to judge, when read.
      Datasets.openFlag(DATA.name(), flags.get(DATA), new BadInputs(true), 0).close();
    }
    ClusterServer server;
    try {
      server = ClusterServer.start(cluster, task, devices);
    } catch (IllegalArgumentException e) {
      throw new UsageException("--cluster: task " + task + ": " + e.getMessage(), e);
    }
    System.out.println("worker: task " + task + " of " + cluster.size() + " serving "
        + devices.perTask() + " replicas at " + server.target());
    ServedChief chief = new ServedChief(cluster, () -> restart(task, "the chief ("
        + cluster.address(0) + ") is gone"));
    double wait = flags.get(ClusterFlags.WAIT_FOR_CHIEF);
    chief.expectWithin(wait, () -> exit(task, NO_CHIEF_STATUS, "no chief greeted this worker "
        + "within " + wait + " s (--wait-for-chief): its run is finished, or its chief ("
        + cluster.address(0) + ") never started; exiting with status " + NO_CHIEF_STATUS));
    TaskInputFeeder.End end = new TaskInputFeeder(server.target(), task, flags.find(DATA),
        chief, System.out).serve();
    if (end == TaskInputFeeder.End.NEW_CHIEF) {
      restart(task, "a new chief process greeted this worker, whose server served another");
    }
    System.out.println("worker: task " + task + ": the run is finished");
  }

  /**
   * Exits with {@link #RESTART_STATUS}: the supervisor restarts this worker with a fresh server
   * (TF servers cannot be stopped or reset in-process).
   */
  private static void restart(int task, String why) {
    exit(task, RESTART_STATUS, why + "; exiting with status " + RESTART_STATUS
        + " to be restarted with a fresh server");
  }

  private static void exit(int task, int status, String why) {
    System.out.println("worker: task " + task + ": " + why);
    System.out.flush();
    System.exit(status);
  }
}
