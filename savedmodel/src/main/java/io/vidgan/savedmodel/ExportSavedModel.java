package io.vidgan.savedmodel;

import io.vidgan.cli.Command;
import io.vidgan.cli.Flags;
import io.vidgan.cli.UsageException;
import io.vidgan.graphs.config.StageConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.Options;

/**
 * {@code bin/export-savedmodel}: exports a first stage and any super-resolution stages trained on
 * top of it as one SavedModel with its configs ({@link ModelExporter}).
 */
public final class ExportSavedModel extends Command {
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
  protected void declare(Options o) {
    o.addOption(Flags.flag("run", "RUN_DIR", "first-stage (lres) run directory, or one of its "
        + "ckpt-NNNNNNNN directories"));
    o.addOption(Flags.flag("checkpoint", "STEP|NAME", "checkpoint of --run: a step or a "
        + "ckpt-NNNNNNNN name; the newest when omitted"));
    o.addOption(Flags.flag("sres-run", "RUN_DIR,...", "super-resolution run directories (or "
        + "ckpt-NNNNNNNN directories), lowest stage first; newest checkpoints unless named"));
    o.addOption(Flags.flag("out", "DIR", "model directory to create; must not exist"));
    o.addOption(Flags.flag("ema", "auto|true|false", "sample with G's EMA weights; auto uses "
        + "them when the run trained with an EMA (default: auto)"));
    o.addOption(Flags.flag("stat-frames", "N", "first-stage frames the chain is unrolled to when "
        + "BN statistics are re-estimated (output frames divided by the super-resolution time "
        + "factors); every stage gets statistics for its whole video at that length; 0 = the "
        + "trained length (default: 0)"));
    o.addOption(Flags.flag("stat-passes", "N", "dummy forward passes (and spectral-norm power "
        + "iterations) re-estimating every stage's BN statistics for the exported weights "
        + "(SSW-GAN App. A); 0 keeps the training run's, with a warning (default: "
        + ModelExporter.STAT_PASSES_DEFAULT + ")"));
    o.addOption(Flags.flag("stat-batch", "N", "videos per dummy pass (default: "
        + ModelExporter.STAT_BATCH_DEFAULT + ")"));
    o.addOption(Flags.flag("seed", "N", "seed of the dummy passes (default: 0)"));
  }

  @Override
  protected Map<String, String> removedFlags() {
    return Map.of("window-stride", "super-resolution stages are applied to the whole video "
        + "(computed in chunks with exact halos); bin/generate --chunk bounds memory");
  }

  @Override
  protected void run(Flags flags) throws Exception {
    Path out = flags.outputDirectory("out");
    if (Files.exists(out)) {
      throw new UsageException("--out: " + out + " already exists");
    }
    String ema = flags.getChoice("ema", "auto", "true", "false");
    List<ModelExporter.Source> sources = new ArrayList<>();
    sources.add(source("run", RunCheckpoint.resolve("run", Path.of(flags.required("run")),
        flags.get("checkpoint")), ema));
    for (String dir : flags.get("sres-run").map(s -> s.split(",")).orElse(new String[0])) {
      sources.add(source("sres-run", RunCheckpoint.resolve("sres-run", Path.of(dir.trim()),
          Optional.empty()), ema));
    }
    ModelExporter.Options options = new ModelExporter.Options(flags.getInt("stat-frames", 0),
        flags.getInt("stat-passes", 0), flags.getInt("stat-batch", 1), flags.getLong("seed"));
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

  private static ModelExporter.Source source(String flag, RunCheckpoint run, String ema) {
    StageConfig c = run.config();
    boolean trained = c.getOptimization().getEma().getEnabled();
    if (ema.equals("true") && !trained) {
      throw new UsageException("--ema=true, but the --" + flag + " stage '" + c.getName()
          + "' was trained without an EMA");
    }
    return new ModelExporter.Source(c, run.prefix(), ema.equals("auto") ? trained
        : Boolean.parseBoolean(ema));
  }
}
