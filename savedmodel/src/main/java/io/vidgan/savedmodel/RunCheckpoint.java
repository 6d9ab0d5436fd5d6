package io.vidgan.savedmodel;

import io.vidgan.cli.UsageException;
import io.vidgan.graphs.RunDirectory;
import io.vidgan.graphs.config.InvalidConfigException;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.ops.io.CheckpointState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * One checkpoint of a training run directory written by {@code bin/train}: the run's {@code
 * config.pbtxt} and the prefix {@code RUN/ckpt-%08d/variables} of the chosen checkpoint. Problems
 * are usage errors naming the flag and the path.
 *
 * @param config the stage's config
 * @param prefix the checkpoint prefix ({@code .index} and {@code .data-*} files)
 */
record RunCheckpoint(StageConfig config, String prefix) {

  /**
   * @param flag the flag that named {@code path}, for messages
   * @param path a run directory, or one of its {@code ckpt-%08d} directories
   * @param checkpoint a step number or a checkpoint name/prefix relative to the run; the newest
   *     checkpoint (or the one {@code path} names) when empty
   */
  static RunCheckpoint resolve(String flag, Path path, Optional<String> checkpoint)
      throws IOException {
    if (!Files.isDirectory(path)) {
      throw new UsageException("--" + flag + ": " + path + " is not a directory");
    }
    Path run = path;
    if (!Files.isRegularFile(run.resolve(RunDirectory.CONFIG)) && path.getParent() != null
        && Files.isRegularFile(path.getParent().resolve(RunDirectory.CONFIG))
        && checkpoint.isEmpty()) {
      run = path.getParent();
      checkpoint = Optional.of(path.getFileName().toString());
    }
    if (!Files.isRegularFile(run.resolve(RunDirectory.CONFIG))) {
      throw new UsageException("--" + flag + ": " + path + " is not a training run (no "
          + RunDirectory.CONFIG + ")");
    }
    StageConfig config;
    try {
      config = StageConfigs.load(run.resolve(RunDirectory.CONFIG));
    } catch (InvalidConfigException e) {
      throw new UsageException("--" + flag + ": " + e.getMessage());
    }
    String prefix = prefix(flag, run, checkpoint);
    if (!Files.isRegularFile(Path.of(prefix + ".index"))) {
      throw new UsageException("--" + flag + ": no checkpoint " + prefix + " (no .index file)");
    }
    return new RunCheckpoint(config, prefix);
  }

  private static String prefix(String flag, Path run, Optional<String> checkpoint)
      throws IOException {
    if (checkpoint.isEmpty()) {
      Optional<CheckpointState> state = CheckpointState.read(run);
      if (state.isEmpty() || state.get().prefixes().isEmpty()) {
        throw new UsageException("--" + flag + ": run " + run + " has no checkpoint yet");
      }
      return run.resolve(state.get().latest()).toString();
    }
    String name = checkpoint.get();
    if (name.matches("\\d+")) {
      name = RunDirectory.checkpoint(Long.parseLong(name));
    }
    Path p = run.resolve(name);
    return (Files.isDirectory(p) ? p.resolve(RunDirectory.VARIABLES) : p).toString();
  }
}
