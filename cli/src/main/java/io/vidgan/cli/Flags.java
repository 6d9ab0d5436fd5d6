package io.vidgan.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;

/**
 * The parsed command line, read through the command's {@link Flag} declarations: a flag's value
 * is the one given, parsed and checked by its declaration, or the declared default.
 */
public final class Flags {
  private final CommandLine line;
  private final FlagSet declared;

  Flags(CommandLine line, FlagSet declared) {
    this.line = line;
    this.declared = declared;
  }

  /** Whether {@code flag} was given on the command line. */
  public boolean has(Flag<?> flag) {
    return line.hasOption(checked(flag));
  }

  /** The flag's value, or its default; a usage error if it has neither. */
  public <T> T get(Flag<T> flag) {
    return find(flag).orElseThrow(() -> new UsageException("missing required flag --"
        + flag.name()));
  }

  /** The flag's value, or its default, or empty. */
  public <T> Optional<T> find(Flag<T> flag) {
    if (has(flag)) {
      return Optional.of(flag.parse(line.getOptionValue(flag.name())));
    }
    return Optional.ofNullable(flag.defaultValue());
  }

  /** A path that must exist. */
  public Path existingPath(Flag<String> flag) {
    Path p = Path.of(get(flag));
    if (!Files.exists(p)) {
      throw new UsageException("--" + flag.name() + ": " + p + " does not exist");
    }
    return p;
  }

  /**
   * A directory to write into: an existing writable directory, or a path whose nearest existing
   * ancestor is one (it is not created here).
   */
  public Path outputDirectory(Flag<String> flag) {
    Path p = Path.of(get(flag));
    if (Files.exists(p) && !Files.isDirectory(p)) {
      throw new UsageException("--" + flag.name() + ": " + p + " is not a directory");
    }
    return writableAncestor(flag.name(), p);
  }

  /** A file to write: not a directory, in a directory that is (or can be created) writable. */
  public Path outputFile(Flag<String> flag) {
    Path p = Path.of(get(flag));
    if (Files.isDirectory(p)) {
      throw new UsageException("--" + flag.name() + ": " + p + " is a directory, not a file");
    }
    writableAncestor(flag.name(), p.toAbsolutePath().getParent());
    return p;
  }

  private static Path writableAncestor(String name, Path p) {
    Path existing = p.toAbsolutePath();
    while (!Files.exists(existing) && existing.getParent() != null) {
      existing = existing.getParent();
    }
    if (!Files.isDirectory(existing)) {
      throw new UsageException("--" + name + ": " + existing + " is not a directory");
    }
    if (!Files.isWritable(existing)) {
      throw new UsageException("--" + name + ": " + existing + " is not writable");
    }
    return p;
  }

  /**
   * The flag's name, if the command declared a flag of that name: reading an undeclared flag is
   * a programming error. (By name, not identity: {@code bin/train} serving as a worker reads its
   * command line through {@code bin/worker}'s declarations.)
   */
  private String checked(Flag<?> flag) {
    if (!declared.declares(flag.name())) {
      throw new IllegalStateException("--" + flag.name() + " is not a flag of this command");
    }
    return flag.name();
  }
}
