package io.vidgan.cli;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.Map;
import java.util.Optional;
import org.apache.commons.cli.CommandLine;
import org.apache.commons.cli.DefaultParser;
import org.apache.commons.cli.HelpFormatter;
import org.apache.commons.cli.Option;
import org.apache.commons.cli.Options;
import org.apache.commons.cli.ParseException;

/**
 * A {@code bin/} command: declares its flags ({@link Flag}), then runs with the parsed {@link
 * Flags}.
 *
 * <p>Exit codes: 0 success, 1 failure while running (message on stderr), 2 usage error (bad or
 * missing flag, or a file given on the command line that cannot be used; the message names it).
 * {@code --help} prints every flag with its default.
 */
public abstract class Command {
  /** The name users type, e.g. {@code train}. */
  protected abstract String name();

  /** One sentence saying what the command does. */
  protected abstract String summary();

  /** Adds the command's flags. */
  protected abstract void declare(FlagSet flags);

  /**
   * Flags the command no longer has, each with what replaced it: given one, the command stops
   * with a usage error saying it is gone instead of "unrecognized option".
   */
  protected Map<String, String> removedFlags() {
    return Map.of();
  }

  /** Runs the command. Throw {@link UsageException} for usage errors. */
  protected abstract void run(Flags flags) throws Exception;

  /** Runs {@code command} with {@code args} and exits the JVM with its exit code. */
  public static void main(Command command, String[] args) {
    System.exit(command.execute(args));
  }

  /** Runs with {@code args}; returns the exit code instead of exiting. */
  public final int execute(String[] args) {
    FlagSet declared = new FlagSet();
    declare(declared);
    Options options = declared.options();
    for (String arg : args) {
      String flag = arg.startsWith("--") ? arg.substring(2).split("=", 2)[0] : "";
      if (removedFlags().containsKey(flag)) {
        return usageError("--" + flag + " is gone: " + removedFlags().get(flag));
      }
    }
    CommandLine line;
    try {
      line = DefaultParser.builder().build().parse(options, args);
    } catch (ParseException e) {
      return usageError(e.getMessage());
    }
    if (line.hasOption("help")) {
      printHelp(options);
      return 0;
    }
    Optional<String> misuse = misuse(line);
    if (misuse.isPresent()) {
      return usageError(misuse.get());
    }
    try {
      run(new Flags(line, declared));
      return 0;
    } catch (UsageException e) {
      return usageError(e.getMessage());
    } catch (Exception | OutOfMemoryError e) {
      System.err.println(name() + ": error: " + describe(e));
      if (System.getenv("VIDGAN_DEBUG") != null) {
        e.printStackTrace();
      }
      return 1;
    }
  }

  /** A flag given more than once, or an argument that is not a flag. */
  private static Optional<String> misuse(CommandLine line) {
    for (Option given : line.getOptions()) {
      String[] values = line.getOptionValues(given.getLongOpt());
      if (values != null && values.length > 1) {
        return Optional.of("--" + given.getLongOpt() + " given more than once");
      }
    }
    if (!line.getArgList().isEmpty()) {
      return Optional.of("unexpected argument " + line.getArgList().get(0)
          + " (flags are --name=value)");
    }
    return Optional.empty();
  }

  private static String describe(Throwable e) {
    String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    if (e instanceof FileSystemException f) {
      message = f.getFile() + ": " + (f.getReason() != null ? f.getReason()
          : e instanceof AccessDeniedException ? "permission denied"
          : e instanceof NoSuchFileException ? "no such file or directory"
          : e instanceof FileAlreadyExistsException ? "already exists"
          : e.getClass().getSimpleName());
    } else if (e instanceof OutOfMemoryError) {
      message = "out of memory (" + message + "); give the JVM more with VIDGAN_JAVA_OPTS=-Xmx...";
    }
    return e.getCause() != null && e.getCause().getMessage() != null
        && !message.contains(e.getCause().getMessage())
        ? message + ": " + e.getCause().getMessage() : message;
  }

  private int usageError(String message) {
    System.err.println(name() + ": " + message);
    System.err.println("Run bin/" + name() + " --help for the list of flags.");
    return 2;
  }

  private void printHelp(Options options) {
    HelpFormatter help = HelpFormatter.builder().get();
    help.setWidth(100);
    PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
    help.printHelp(out, 100, "bin/" + name() + " [--flag=value ...]", summary(), options, 2, 4, "");
    out.flush();
  }
}
