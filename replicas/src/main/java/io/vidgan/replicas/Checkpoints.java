package io.vidgan.replicas;

import com.google.protobuf.TextFormat;
import io.vidgan.cli.FileTrees;
import io.vidgan.graphs.RunDirectory;
import io.vidgan.ops.io.CheckpointState;
import io.vidgan.replicas.config.TrainerState;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.tensorflow.Session;

/**
 * The checkpoints of a run directory ({@link RunDirectory}): {@code
 * ckpt-%08d/variables.{index,data-*}} (TF checkpoint V2, readable by Python TF) plus {@code
 * ckpt-%08d/trainer_state.pbtxt}, listed in the {@code checkpoint} file.
 *
 * <p>A checkpoint is written into a hidden partial directory, renamed into place in one step, and
 * only then listed; the oldest beyond {@code keep} are deleted after that. A kill at any moment
 * therefore leaves the last listed checkpoint complete and loadable; what else a crash leaves
 * (partial or unlisted directories) is removed when the run resumes ({@link #removeUnlisted}).
 */
public final class Checkpoints {
  private static final String PARTIAL = ".partial-";
  private static final String SCRATCH = PARTIAL + "samples";

  private final Path runDir;
  private final int keep;

  public Checkpoints(Path runDir, int keep) {
    this.runDir = runDir;
    this.keep = Math.max(1, keep);
  }

  /** A checkpoint found in a run directory. */
  public record Saved(Path directory, String variablesPrefix, TrainerState state) {}

  /** Saves every variable of {@code session}'s graph and {@code state} as the checkpoint. */
  public Saved save(Session session, TrainerState state) throws IOException {
    String name = RunDirectory.checkpoint(state.getStep());
    Path partial = runDir.resolve("." + name + PARTIAL + System.nanoTime());
    Files.createDirectories(partial);
    session.save(partial.resolve(RunDirectory.VARIABLES).toString());
    Files.writeString(partial.resolve(RunDirectory.STATE),
        TextFormat.printer().printToString(state), StandardCharsets.UTF_8);
    Path target = runDir.resolve(name);
    FileTrees.delete(target);
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    List<String> listed = new ArrayList<>(CheckpointState.read(runDir)
        .map(CheckpointState::prefixes).orElse(List.of()));
    String prefix = RunDirectory.variables(name);
    listed.remove(prefix);
    listed.add(prefix);
    List<String> kept = listed.subList(Math.max(0, listed.size() - keep), listed.size());
    CheckpointState.of(kept).write(runDir);
    for (String old : listed.subList(0, listed.size() - kept.size())) {
      FileTrees.delete(runDir.resolve(old).getParent());
    }
    return new Saved(target, target.resolve(RunDirectory.VARIABLES).toString(), state);
  }

  /** The newest listed checkpoint, if any. */
  public Optional<Saved> latest() throws IOException {
    Optional<CheckpointState> listed = CheckpointState.read(runDir);
    if (listed.isEmpty()) {
      return Optional.empty();
    }
    Path prefix = runDir.resolve(listed.get().latest());
    TrainerState.Builder state = TrainerState.newBuilder();
    Path stateFile = prefix.getParent().resolve(RunDirectory.STATE);
    try {
      TextFormat.merge(Files.readString(stateFile, StandardCharsets.UTF_8), state);
    } catch (TextFormat.ParseException e) {
      throw new IOException(stateFile + ": " + e.getMessage(), e);
    }
    return Optional.of(new Saved(prefix.getParent(), prefix.toString(), state.build()));
  }

  /**
   * Saves every variable of {@code session}'s graph outside the checkpoints, for sample videos
   * between checkpoints; {@link #removeScratch} deletes it, a restart too if a crash did not.
   *
   * @return the variables' prefix
   */
  public String saveScratch(Session session) throws IOException {
    Path dir = runDir.resolve(SCRATCH);
    Files.createDirectories(dir);
    String prefix = dir.resolve(RunDirectory.VARIABLES).toString();
    session.save(prefix);
    return prefix;
  }

  public void removeScratch() throws IOException {
    FileTrees.delete(runDir.resolve(SCRATCH));
  }

  /**
   * Removes what a crash can leave behind: partial checkpoint directories, {@code ckpt-*}
   * directories the {@code checkpoint} index does not list (a kill after a checkpoint was listed
   * but before the oldest were deleted, or after it was moved into place but before it was
   * listed) and half-written temporary files. The index is the truth: whatever it lists is kept.
   */
  public void removeUnlisted() throws IOException {
    Set<String> listed = new HashSet<>();
    CheckpointState.read(runDir).ifPresent(s -> s.prefixes().forEach(
        p -> listed.add(Path.of(p).getName(0).toString())));
    try (Stream<Path> entries = Files.list(runDir)) {
      for (Path p : (Iterable<Path>) entries::iterator) {
        String name = p.getFileName().toString();
        boolean unlisted = RunDirectory.isCheckpoint(name) && !listed.contains(name);
        if (unlisted || name.contains(PARTIAL) || name.endsWith(".tmp")) {
          FileTrees.delete(p);
        }
      }
    }
  }
}
