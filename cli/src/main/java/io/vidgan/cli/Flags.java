package io.vidgan.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/**
 * Typed access to parsed flags. Defaults are declared once, in the option's description, as
 * {@code "... (default: X)"}, so {@code --help} and the parsed value never disagree.
 */
public final class Flags {
  private static final String DEFAULT_MARK = "(default: ";

  private final CommandLine line;
  private final Options options;

  Flags(CommandLine line, Options options) {
    this.line = line;
    this.options = options;
  }

  /** An option {@code --name=VALUE} whose description ends with its default, if it has one. */
  public static Option flag(String name, String argName, String description) {
    return Option.builder().longOpt(name).hasArg().argName(argName).desc(description).build();
  }

  /** A boolean switch {@code --name} (also accepts {@code --name=true|false}). */
  public static Option toggle(String name, String description) {
    return Option.builder().longOpt(name).optionalArg(true).numberOfArgs(1).argName("true|false")
        .desc(description).build();
  }

  public boolean has(String name) {
    return line.hasOption(name);
  }

  /** The flag's value, or its declared default, or empty. */
  public Optional<String> get(String name) {
    if (line.hasOption(name)) {
      return Optional.ofNullable(line.getOptionValue(name));
    }
    return declaredDefault(name);
  }

  /** The flag's value or declared default; a usage error if neither exists. */
  public String required(String name) {
    return get(name).orElseThrow(() -> new UsageException("missing required flag --" + name));
  }

  public int getInt(String name) {
    return (int) parseLong(name, required(name), Integer.MIN_VALUE, Integer.MAX_VALUE);
  }

  public long getLong(String name) {
    return parseLong(name, required(name), Long.MIN_VALUE, Long.MAX_VALUE);
  }

  /** An integer that must be at least {@code min}. */
  public int getInt(String name, int min) {
    return (int) parseLong(name, required(name), min, Integer.MAX_VALUE);
  }

  /** A long integer that must be at least {@code min}. */
  public long getLong(String name, long min) {
    return parseLong(name, required(name), min, Long.MAX_VALUE);
  }

  public double getDouble(String name) {
    String value = required(name);
    try {
      double d = Double.parseDouble(value);
      if (!Double.isFinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new UsageException("--" + name + " must be a number, got '" + value + "'");
    }
  }

  /** A toggle: true if given without a value or with {@code true}. */
  public boolean getBoolean(String name) {
    if (!line.hasOption(name)) {
      return declaredDefault(name).map(v -> parseBoolean(name, v)).orElse(false);
    }
    String value = line.getOptionValue(name);
    return value == null || parseBoolean(name, value);
  }

  /** One of {@code choices} (case-insensitive), returned in lower case. */
  public String getChoice(String name, String... choices) {
    String value = required(name).toLowerCase(Locale.ROOT);
    for (String c : choices) {
      if (c.equals(value)) {
        return value;
      }
    }
    throw new UsageException("--" + name + " must be one of " + String.join("|", choices)
        + ", got '" + value + "'");
  }

  /** A path that must exist. */
  public Path existingPath(String name) {
    Path p = Path.of(required(name));
    if (!Files.exists(p)) {
      throw new UsageException("--" + name + ": " + p + " does not exist");
    }
    return p;
  }

  /**
   * A directory to write into: an existing writable directory, or a path whose nearest existing
   * ancestor is one (it is not created here).
   */
  public Path outputDirectory(String name) {
    Path p = Path.of(required(name));
    if (Files.exists(p) && !Files.isDirectory(p)) {
      throw new UsageException("--" + name + ": " + p + " is not a directory");
    }
    return writableAncestor(name, p);
  }

  /** A file to write: not a directory, in a directory that is (or can be created) writable. */
  public Path outputFile(String name) {
    Path p = Path.of(required(name));
    if (Files.isDirectory(p)) {
      throw new UsageException("--" + name + ": " + p + " is a directory, not a file");
    }
    writableAncestor(name, p.toAbsolutePath().getParent());
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

  private Optional<String> declaredDefault(String name) {
    Option option = options.getOption(name);
    if (option == null || option.getDescription() == null) {
      return Optional.empty();
    }
    String desc = option.getDescription();
    int at = desc.lastIndexOf(DEFAULT_MARK);
    if (at < 0 || !desc.endsWith(")")) {
      return Optional.empty();
    }
    return Optional.of(desc.substring(at + DEFAULT_MARK.length(), desc.length() - 1));
  }

  private static long parseLong(String name, String value, long min, long max) {
    String digits = value.replace("_", "");
    long v;
    try {
      v = Long.parseLong(digits);
    } catch (NumberFormatException e) {
      if (digits.matches("[+-]?\\d+")) {
        throw new UsageException("--" + name + " is out of range: " + value + " (at most " + max
            + ")");
      }
      throw new UsageException("--" + name + " must be an integer, got '" + value + "'");
    }
    if (v < min) {
      throw new UsageException("--" + name + " must be at least " + min + ", got " + v);
    }
    if (v > max) {
      throw new UsageException("--" + name + " must be at most " + max + ", got " + v);
    }
    return v;
  }

  private static boolean parseBoolean(String name, String value) {
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new UsageException("--" + name + " must be true or false, got '" + value
          + "'");
    };
  }
}
