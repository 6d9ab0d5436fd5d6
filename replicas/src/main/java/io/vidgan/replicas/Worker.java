package io.vidgan.replicas;

import io.vidgan.cli.Command;
import io.vidgan.cli.Flag;
import io.vidgan.cli.FlagSet;
import io.vidgan.cli.Flags;
import io.vidgan.cli.UsageException;
import io.vidgan.data.BadInputs;
import io.vidgan.data.Datasets;
import java.util.Optional;

/**
 * {@code bin/worker}: serves one non-chief task of a training cluster until killed. The chief
 * ({@code bin/train --cluster=... --task=0}) places this host's share of the replicas on its
 * devices and drives every step; this process reads those replicas' data ({@link
 * TaskInputFeeder}).
 */
public final class Worker extends Command {
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
        + "until killed; bin/train --task=0 is the chief.";
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
    new TaskInputFeeder(server.target(), task, flags.find(DATA), System.out).serve();
  }
}
