package io.vidgan.savedmodel;

import io.vidgan.cli.Command;
import io.vidgan.cli.Flag;
import io.vidgan.cli.FlagSet;
import io.vidgan.cli.Flags;
import io.vidgan.cli.UsageException;
import io.vidgan.graphs.config.StageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code bin/export-savedmodel}: exports a first stage and any super-resolution stages trained on
 * top of it as one SavedModel with its configs ({@link ModelExporter}).
 */
public final class ExportSavedModel extends Command {
  private static final Flag<String> RUN = Flag.text("run", "RUN_DIR", "first-stage (lres) run "
      + "directory, or one of its ckpt-NNNNNNNN directories");
  private static final Flag<String> CHECKPOINT = Flag.text("checkpoint", "STEP|NAME",
      "checkpoint of --run: a step or a ckpt-NNNNNNNN name; the newest when omitted");
  private static final Flag<String> SRES_RUN = Flag.text("sres-run", "RUN_DIR,...",
      "super-resolution run directories (or ckpt-NNNNNNNN directories), lowest stage first; "
      + "newest checkpoints unless named");
  private static final Flag<String> OUT = Flag.text("out", "DIR", "model directory to create; "
      + "must not exist");
  private static final Flag<String> EMA = Flag.choice("ema", "auto|true|false", "sample with "
      + "G's EMA weights; auto uses them when the run trained with an EMA", "auto", "true",
      "false").withDefault("auto");
  private static final Flag<Integer> STAT_FRAMES = Flag.integer("stat-frames", "N", "first-stage "
      + "frames the chain is unrolled to when BN statistics are re-estimated (output frames "
      + "divided by the super-resolution time factors); every stage gets statistics for its "
      + "whole video at that length; 0 = the trained length").atLeast(0).withDefault(0);
  private static final Flag<Integer> STAT_PASSES = Flag.integer("stat-passes", "N", "dummy "
      + "forward passes (and spectral-norm power iterations) re-estimating every stage's BN "
      + "statistics for the exported weights (SSW-GAN App. A); 0 keeps the training run's, with "
      + "a warning").atLeast(0).withDefault(ModelExporter.STAT_PASSES_DEFAULT);
  private static final Flag<Integer> STAT_BATCH = Flag.integer("stat-batch", "N", "videos per "
      + "dummy pass").atLeast(1).withDefault(ModelExporter.STAT_BATCH_DEFAULT);
  private static final Flag<Long> SEED = Flag.longInteger("seed", "N", "seed of the dummy "
      + "passes").withDefault(0L);

  public static void main(String[] args) {
    Command.main(new ExportSavedModel(), args);
  }

  @Override
  protected String name() {
    return "export-savedmodel";
  }

  @Override
  protected String summary() {
    return "Exports trained stages (a first stage, then super-resolution stages) as one "
        + "SavedModel directory that bin/generate and Python's tf.saved_model.load can use.";
  }

  @Override
  protected void declare(FlagSet flags) {
    flags.add(RUN, CHECKPOINT, SRES_RUN, OUT, EMA, STAT_FRAMES, STAT_PASSES, STAT_BATCH, SEED);
  }

  @Override
  protected Map<String, String> removedFlags() {
    return Map.of("window-stride", "super-resolution stages are applied to the whole video "
        + "(computed in chunks with exact halos); bin/generate --chunk bounds memory");
  }

  @Override
  protected void run(Flags flags) throws Exception {
    Path out = flags.outputDirectory(OUT);
    if (Files.exists(out)) {
      throw new UsageException("--out: " + out + " already exists");
    }
    String ema = flags.get(EMA);
    List<ModelExporter.Source> sources = new ArrayList<>();
    sources.add(source(RUN, RunCheckpoint.resolve(RUN.name(), Path.of(flags.get(RUN)),
        flags.find(CHECKPOINT)), ema));
    for (String dir : flags.find(SRES_RUN).map(s -> s.split(",")).orElse(new String[0])) {
      sources.add(source(SRES_RUN, RunCheckpoint.resolve(SRES_RUN.name(), Path.of(dir.trim()),
          Optional.empty()), ema));
    }
    ModelExporter.Options options = new ModelExporter.Options(flags.get(STAT_FRAMES),
        flags.get(STAT_PASSES), flags.get(STAT_BATCH), flags.get(SEED));
    try {
      ModelExporter.check(sources, options);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    if (options.statPasses() == 0) {
      System.err.println("export-savedmodel: warning: --stat-passes=0: BN statistics and "
          + "spectral-norm vectors are the training run's (of G, not of its EMA weights) and "
          + "are not re-estimated for unrolled generation (SSW-GAN App. A)");
    }
    ModelManifest manifest = ModelExporter.export(sources, options, out);
    for (ModelManifest.Stage s : manifest.stages()) {
      System.out.printf("%s: %s%s%n", s.config().getName(), s.checkpoint(),
          s.ema() ? " (EMA weights)" : "");
    }
    System.out.println("signatures: " + String.join(", ",
        SignatureNames.all(manifest.chain().stages())));
    System.out.println("exported " + out);
  }

  private static ModelExporter.Source source(Flag<String> flag, RunCheckpoint run,
      String ema) {
    StageConfig c = run.config();
    boolean trained = c.getOptimization().getEma().getEnabled();
    if (ema.equals("true") && !trained) {
      throw new UsageException("--ema=true, but the --" + flag.name() + " stage '" + c.getName()
          + "' was trained without an EMA");
    }
    return new ModelExporter.Source(c, run.prefix(), ema.equals("auto") ? trained
        : Boolean.parseBoolean(ema));
  }
}
