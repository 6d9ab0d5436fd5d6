package io.vidgan.ops.io;

import static com.google.common.base.Preconditions.checkArgument;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The {@code checkpoint} file of a checkpoint directory: the text-format {@code CheckpointState}
 * TensorFlow writes and {@code tf.train.latest_checkpoint} reads, listing checkpoint prefixes
 * relative to the directory, newest last.
 *
 * <p>Writing replaces the file atomically (temporary file, then rename), so a crash leaves either
 * the old or the new list, never a torn one; a checkpoint becomes visible only once listed.
 */
public final class CheckpointState {
  public static final String FILE = "checkpoint";
  private static final Pattern LINE =
      Pattern.compile("^\\s*(model_checkpoint_path|all_model_checkpoint_paths)\\s*:\\s*\"(.*)\"\\s*$");

  private final List<String> prefixes;

  private CheckpointState(List<String> prefixes) {
    this.prefixes = List.copyOf(prefixes);
  }

  /** A state listing {@code prefixes} (relative to the directory), oldest first. */
  public static CheckpointState of(List<String> prefixes) {
    return new CheckpointState(prefixes);
  }

  /** Reads {@code dir/checkpoint}; empty if there is none. */
  public static Optional<CheckpointState> read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    List<String> all = new ArrayList<>();
    String latest = null;
    for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
      if (line.isBlank()) {
        continue;
      }
      Matcher m = LINE.matcher(line);
      if (!m.matches()) {
        throw new CheckpointException(file + ": not a checkpoint state line: " + line);
      }
      if (m.group(1).equals("model_checkpoint_path")) {
        latest = m.group(2);
      } else {
        all.add(m.group(2));
      }
    }
    if (latest != null && !all.contains(latest)) {
      all.add(latest);
    }
    return Optional.of(new CheckpointState(all));
  }

  /** Writes this state to {@code dir/checkpoint} atomically. */
  public void write(Path dir) throws IOException {
    checkArgument(!prefixes.isEmpty(), "a checkpoint state needs at least one checkpoint");
    StringBuilder text = new StringBuilder();
    text.append("model_checkpoint_path: \"").append(latest()).append("\"\n");
    for (String p : prefixes) {
      text.append("all_model_checkpoint_paths: \"").append(p).append("\"\n");
    }
    Path tmp = Files.createTempFile(dir, FILE, ".tmp");
    Files.writeString(tmp, text, StandardCharsets.UTF_8);
    Files.move(tmp, dir.resolve(FILE), StandardCopyOption.ATOMIC_MOVE,
        StandardCopyOption.REPLACE_EXISTING);
  }

  /** Checkpoint prefixes relative to the directory, oldest first. */
  public List<String> prefixes() {
    return prefixes;
  }

  /** The newest checkpoint prefix, relative to the directory. */
  public String latest() {
    return prefixes.get(prefixes.size() - 1);
  }
}
