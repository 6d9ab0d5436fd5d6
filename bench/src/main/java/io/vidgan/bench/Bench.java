package io.vidgan.bench;

import io.vidgan.cli.Command;
import io.vidgan.cli.Flag;
import io.vidgan.cli.FlagSet;
import io.vidgan.cli.Flags;
import io.vidgan.cli.UsageException;
import io.vidgan.replicas.devices.HostCpu;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tensorflow.TensorFlow;

/**
 * {@code bin/bench}: the speed and memory figures of vidgan on this machine, each a ratio of
 * quantities measured side by side in one run (medians of repetitions), printed as a markdown
 * table and written as JSON. Nothing here is a test: figures are compared with their targets and
 * reported, never asserted.
 */
public final class Bench extends Command {
  private static final Flag<String> ONLY = Flag.text("only", "NAME,...", "measurements to run")
      .withDefault("all");
  private static final Flag<Integer> REPS = Flag.integer("reps", "N", "repetitions of each timed "
      + "quantity; medians are reported").atLeast(1).withDefault(3);
  private static final Flag<Integer> TRAIN_STEPS = Flag.integer("train-steps", "N", "iterations "
      + "of each bin/train run, at least 3").atLeast(3).withDefault(6);
  private static final Flag<String> OUT = Flag.text("out", "DIR", "work directory for models, "
      + "runs and logs").withDefault("target/bench");
  private static final Flag<String> JSON = Flag.text("json", "FILE", "where to write the JSON "
      + "report; <out>/bench.json when omitted");
  private static final Flag<String> MODEL = Flag.text("model", "DIR", "exported two-stage model "
      + "for the generation figures; made from 1-step runs when omitted");
  private static final Flag<String> REPLICA_THREADS = Flag.text("replica-threads", "INTRA,INTER",
      "op thread pools of the one-tower-per-replica step timers (an experiment); the trainer's "
      + "when omitted");

  private static final Flag<String> COST_PARTS = Flag.text("cost-parts", "NAME,...", "parts of "
      + "the cost measurement: small, paper (chains vs their flat models; paper: SSW-GAN Table 3 "
      + "scaled), length (sres memory vs video length)").withDefault(TrainingCost.PARTS);

  public static void main(String[] args) {
    Command.main(new Bench(), args);
  }

  @Override
  protected String name() {
    return "bench";
  }

  @Override
  protected String summary() {
    StringBuilder sb = new StringBuilder("Measures speed and memory and prints a markdown table "
        + "(JSON in --json). bin/bench NAME runs one measurement; bin/bench data: the input "
        + "pipeline. Measurements:");
    measurements(null, new TrainingCost(TrainingCost.PARTS, "")).forEach(m -> sb.append("\n  ")
        .append(m.name()).append(": ").append(m.summary()));
    return sb.toString();
  }

  @Override
  protected void declare(FlagSet flags) {
    flags.add(ONLY, REPS, TRAIN_STEPS, OUT, JSON, MODEL, REPLICA_THREADS, COST_PARTS);
  }

  @Override
  protected void run(Flags flags) throws Exception {
    int reps = flags.get(REPS);
    int trainSteps = flags.get(TRAIN_STEPS);
    Path out = flags.outputDirectory(OUT);
    Path json = flags.has(JSON) ? flags.outputFile(JSON) : out.resolve("bench.json");
    Path model = flags.has(MODEL) ? flags.existingPath(MODEL) : null;
    List<Measurement> selected = select(flags.get(ONLY), measurements(model,
        new TrainingCost(flags.get(COST_PARTS), "--" + COST_PARTS.name())));
    Files.createDirectories(out);
    HostCpu cpu = HostCpu.read();
    Map<String, Object> environment = environment(cpu, reps, trainSteps);
    Report report = new Report(String.format(Locale.ROOT, "%s; %s cores; load average %.2f at "
        + "start; TensorFlow %s", cpu.describe(), environment.get("cores"),
        environment.get("load_average_at_start"), environment.get("tensorflow")), environment);
    int[] threads = flags.has(REPLICA_THREADS) ? threads(flags.get(REPLICA_THREADS)) : null;
    try (BenchContext context = new BenchContext(reps, trainSteps, out, root(), System.err,
        threads)) {
      for (Measurement m : selected) {
        context.log("--- " + m.name() + ": " + m.summary());
        m.run(context, report);
      }
    }
    String markdown = report.markdown();
    System.out.print(markdown);
    Files.writeString(out.resolve("bench.md"), markdown, StandardCharsets.UTF_8);
    if (json.getParent() != null) {
      Files.createDirectories(json.getParent());
    }
    Files.writeString(json, report.json(), StandardCharsets.UTF_8);
    System.err.println("bench: wrote " + json + " and " + out.resolve("bench.md"));
  }

  /** In the order they run: the 1-replica graphs built for {@code replicas} serve efficiency. */
  private static List<Measurement> measurements(Path model, TrainingCost cost) {
    return List.of(new ReplicaOverhead(), new HardwareEfficiency(), new MixedPrecisionSpeed(),
        new TrainingRun(), new GenerationMemory(model), new I3dThroughput(), cost);
  }

  static List<Measurement> select(String names, List<Measurement> available) {
    if (names.equals("all")) {
      return available;
    }
    List<Measurement> chosen = new ArrayList<>();
    for (String name : names.split(",")) {
      Measurement m = available.stream().filter(a -> a.name().equals(name.trim())).findFirst()
          .orElseThrow(() -> new UsageException("--only: no measurement '" + name.trim()
              + "'; choose from all, " + String.join(", ", available.stream()
                  .map(Measurement::name).toList())));
      chosen.add(m);
    }
    return chosen;
  }

  private static int[] threads(String value) {
    String[] parts = value.split(",");
    try {
      int[] t = {Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim())};
      if (parts.length == 2 && t[0] >= 1 && t[1] >= 1) {
        return t;
      }
    } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
      // reported below
    }
    throw new UsageException("--replica-threads must be INTRA,INTER (two positive integers), "
        + "got '" + value + "'");
  }

  /** The checkout whose {@code bin/} commands the bench runs ({@code VIDGAN_ROOT}, bin/bench). */
  private static Path root() {
    String env = System.getenv("VIDGAN_ROOT");
    Path root = Path.of(env == null ? "." : env);
    if (!Files.isExecutable(root.resolve("bin/train"))) {
      throw new UsageException("no bin/train under " + root.toAbsolutePath() + "; run the bench "
          + "through bin/bench");
    }
    return root;
  }

  private static Map<String, Object> environment(HostCpu cpu, int reps, int trainSteps) {
    Map<String, Object> env = new LinkedHashMap<>();
    env.put("date", LocalDateTime.now().format(DateTimeFormatter.ISO_LOCAL_DATE_TIME));
    env.put("cpu", cpu.model());
    env.put("cpu_vendor_family_model", cpu.vendor() + " " + cpu.family() + " " + cpu.modelNumber());
    env.put("cpu_flags", cpu.flags());
    env.put("cpu_data_cache_bytes", cpu.cacheBytes());
    env.put("cpu_caches_hidden", cpu.cachesHidden());
    env.put("cores", Runtime.getRuntime().availableProcessors());
    env.put("memory_gib", String.format(Locale.ROOT, "%.1f", totalMemoryGib()));
    env.put("load_average_at_start", ManagementFactory.getOperatingSystemMXBean()
        .getSystemLoadAverage());
    env.put("java", System.getProperty("java.version"));
    env.put("tensorflow", TensorFlow.version());
    env.put("reps", reps);
    env.put("train_steps", trainSteps);
    return env;
  }

  private static double totalMemoryGib() {
    return ((com.sun.management.OperatingSystemMXBean) ManagementFactory
        .getOperatingSystemMXBean()).getTotalMemorySize() / (double) (1L << 30);
  }
}
