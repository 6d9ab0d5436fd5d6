package io.vidgan.replicas;

import com.google.protobuf.TextFormat;
import io.vidgan.cli.FileTrees;
import io.vidgan.graphs.RunDirectory;
import io.vidgan.graphs.StageBelow;
import io.vidgan.ops.Scopes;
import io.vidgan.ops.io.CheckpointState;
import io.vidgan.ops.Variables;
import io.vidgan.ops.io.VariableSaver;
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
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.tensorflow.DeviceSpec;
import org.tensorflow.Graph;

/**
 * The checkpoints of a run directory ({@link RunDirectory}): {@code
 * ckpt-%08d/variables.{index,data-*}} (TF checkpoint V2, readable by Python TF) plus {@code
 * ckpt-%08d/trainer_state.pbtxt}, listed in the {@code checkpoint} file.
 *
 * <p>A checkpoint is written into a hidden partial directory, renamed into place in one step, and
 * only then listed; the oldest beyond {@code keep} are deleted after that. A kill at any moment
 * therefore leaves the last listed checkpoint complete and loadable; what else a crash leaves
 * (partial or unlisted directories) is removed when the run resumes ({@link #removeUnlisted}).
 *
 * <p>The link {@code best} names the checkpoint the train-time evaluation scored best ({@link
 * #markBest}); pruning keeps it listed, so it survives however old it gets. The link is replaced
 * in one rename after the checkpoint it names is listed, and the checkpoint it replaces is unlisted
 * before it is deleted, so a kill never leaves it naming a missing checkpoint.
 */
public final class Checkpoints {
  private static final String PARTIAL = ".partial-";
  private static final String SCRATCH = PARTIAL + "samples";
  /** The link to the best-scored checkpoint's directory. */
  public static final String BEST = "best";

  private final Path runDir;
  private final int keep;

  public Checkpoints(Path runDir, int keep) {
    this.runDir = runDir;
    this.keep = Math.max(1, keep);
  }

  /** A checkpoint found in a run directory. */
  public record Saved(Path directory, String variablesPrefix, TrainerState state) {}

  /**
   * The saver of a training graph's checkpoints, its ops on {@code device}: every variable but
   * those of the frozen stages below ({@link StageBelow#SCOPE}), which a super-resolution run
   * restores from the checkpoints it records ({@link StageBelowChain}) at its start and on every
   * resume, so its checkpoints do not repeat them. Checkpoints written before hold them too, and
   * restore all the same.
   */
  static VariableSaver saver(Graph graph, DeviceSpec device) {
    return new VariableSaver(Scopes.root(graph).withDevice(device), Variables.named(
        graph, name -> !name.startsWith(StageBelow.SCOPE + "/")));
  }

  /**
   * Saves the variables (written by {@code variables} to the prefix it is given, e.g. {@code
   * Session::save} or a {@link VariableSaver}'s) and {@code state} as the checkpoint.
   */
  public Saved save(Consumer<String> variables, TrainerState state) throws IOException {
    String name = RunDirectory.checkpoint(state.getStep());
    Path partial = runDir.resolve("." + name + PARTIAL + System.nanoTime());
    Files.createDirectories(partial);
    variables.accept(partial.resolve(RunDirectory.VARIABLES).toString());
    Files.writeString(partial.resolve(RunDirectory.STATE),
        TextFormat.printer().printToString(state), StandardCharsets.UTF_8);
    Path target = runDir.resolve(name);
    FileTrees.delete(target);
    Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
    List<String> listed = listed();
    String prefix = RunDirectory.variables(name);
    listed.remove(prefix);
    listed.add(prefix);
    prune(listed);
    return new Saved(target, target.resolve(RunDirectory.VARIABLES).toString(), state);
  }

  /**
   * Points {@code best} at {@code saved} (a listed checkpoint), then prunes the checkpoint it named
   * before unless it is among the newest {@code keep}.
   */
  public void markBest(Saved saved) throws IOException {
    Path link = runDir.resolve("." + BEST + PARTIAL + System.nanoTime());
    Files.createSymbolicLink(link, saved.directory().getFileName());
    Files.move(link, runDir.resolve(BEST), StandardCopyOption.ATOMIC_MOVE);
    prune(listed());
  }

  /** The directory {@code best} names, if it names a listed checkpoint. */
  public Optional<Path> best() throws IOException {
    Path link = runDir.resolve(BEST);
    if (!Files.isSymbolicLink(link)) {
      return Optional.empty();
    }
    Path dir = runDir.resolve(Files.readSymbolicLink(link).getFileName());
    return listed().contains(RunDirectory.variables(dir.getFileName().toString())) ? Optional.of(dir)
        : Optional.empty();
  }

  private List<String> listed() throws IOException {
    return new ArrayList<>(CheckpointState.read(runDir).map(CheckpointState::prefixes)
        .orElse(List.of()));
  }

  /** Lists the newest {@code keep} of {@code listed} and the best, then deletes the others. */
  private void prune(List<String> listed) throws IOException {
    Optional<String> best = best().map(d -> RunDirectory.variables(d.getFileName().toString()));
    List<String> kept = new ArrayList<>();
    for (int i = 0; i < listed.size(); i++) {
      if (i >= listed.size() - keep || best.equals(Optional.of(listed.get(i)))) {
        kept.add(listed.get(i));
      }
    }
    CheckpointState.of(kept).write(runDir);
    for (String old : listed) {
      if (!kept.contains(old)) {
        FileTrees.delete(runDir.resolve(old).getParent());
      }
    }
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
   * Saves the variables (as {@link #save}) outside the checkpoints, for sample videos between
   * checkpoints; {@link #removeScratch} deletes it, a restart too if a crash did not.
   *
   * @return the variables' prefix
   */
  public String saveScratch(Consumer<String> variables) throws IOException {
    Path dir = runDir.resolve(SCRATCH);
    Files.createDirectories(dir);
    String prefix = dir.resolve(RunDirectory.VARIABLES).toString();
    variables.accept(prefix);
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
