package io.vidgan.cli;

import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;

/** The flags a command declares ({@link Command#declare}), each name once. */
public final class FlagSet {
  private final Map<String, Flag<?>> flags = new TreeMap<>();

  FlagSet() {}

  /** Declares {@code declared}; a name declared twice is a programming error. */
  public FlagSet add(Flag<?>... declared) {
    for (Flag<?> flag : declared) {
      if (flags.putIfAbsent(flag.name(), flag) != null) {
        throw new IllegalArgumentException("--" + flag.name() + " declared twice");
      }
    }
    return this;
  }

  boolean declares(String name) {
    return flags.containsKey(name);
  }

  /** The Commons CLI options, with {@code --help}. */
  Options options() {
    Options options = new Options();
    options.addOption(Option.builder().longOpt("help").desc("print this help and exit").build());
    flags.values().forEach(f -> options.addOption(f.option()));
    return options;
  }
}
