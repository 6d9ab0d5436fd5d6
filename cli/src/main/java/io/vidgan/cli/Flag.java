package io.vidgan.cli;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.commons.cli.Option;

/**
 * One flag {@code --name=VALUE}, declared once: its name, argument name, help, typed default and
 * rules. A command lists its flags in {@link Command#declare}; {@code --help} shows the help with
 * {@code (default: X)} appended from the typed default, and {@link Flags#get} returns the given
 * value, parsed and checked, or that default. Flags are immutable: {@link #withDefault}, {@link
 * #atLeast}, {@link #atMost} and {@link #require} return new declarations.
 *
 * <pre>{@code
 * static final Flag<Long> STEPS = Flag.longInteger("steps", "N", "iterations to train")
 *     .atLeast(1).withDefault(500L);
 * long steps = flags.get(STEPS);
 * }</pre>
 *
 * @param <T> the type of the flag's value
 */
public final class Flag<T> {
  /** Turns the text given for a flag into its value; throws {@link UsageException} naming it. */
  @FunctionalInterface
  private interface Parser<T> {
    T parse(String flag, String text);
  }

  private final String name;
  private final String argName;
  private final String help;
  private final T defaultValue;
  private final Parser<T> parser;
  private final Function<T, String> format;
  private final Whole<T> whole;

  /**
   * How a whole-number flag parses: bounds ({@link #atLeast}, {@link #atMost}) within its type's
   * range, and the conversion to its type.
   */
  private record Whole<T>(long min, long max, Function<Long, T> narrow) implements Parser<T> {
    @Override
    public T parse(String flag, String text) {
      return narrow.apply(parseWhole(flag, text, min, max));
    }
  }

  private Flag(String name, String argName, String help, T defaultValue, Parser<T> parser,
      Function<T, String> format, Whole<T> whole) {
    this.name = Objects.requireNonNull(name);
    this.argName = argName;
    this.help = Objects.requireNonNull(help);
    this.defaultValue = defaultValue;
    this.parser = parser;
    this.format = format;
    this.whole = whole;
  }

  /** A text flag (a name, a path, a spec). */
  public static Flag<String> text(String name, String argName, String help) {
    return new Flag<>(name, argName, help, null, (flag, text) -> text, String::valueOf, null);
  }

  /** A 32-bit integer flag; {@code 1_000} is accepted. */
  public static Flag<Integer> integer(String name, String argName, String help) {
    Whole<Integer> whole = new Whole<>(Integer.MIN_VALUE, Integer.MAX_VALUE, Math::toIntExact);
    return new Flag<>(name, argName, help, null, whole, String::valueOf, whole);
  }

  /** A 64-bit integer flag; {@code 1_000} is accepted. */
  public static Flag<Long> longInteger(String name, String argName, String help) {
    Whole<Long> whole = new Whole<>(Long.MIN_VALUE, Long.MAX_VALUE, v -> v);
    return new Flag<>(name, argName, help, null, whole, String::valueOf, whole);
  }

  /** A finite floating-point flag. */
  public static Flag<Double> number(String name, String argName, String help) {
    return new Flag<>(name, argName, help, null, Flag::parseNumber,
        d -> BigDecimal.valueOf(d).stripTrailingZeros().toPlainString(), null);
  }

  /** A switch: {@code --name} or {@code --name=true|false}; false unless given. */
  public static Flag<Boolean> toggle(String name, String help) {
    return new Flag<>(name, null, help, false, Flag::parseBoolean, String::valueOf, null);
  }

  /** One of {@code choices}, given in any case and returned in lower case. */
  public static Flag<String> choice(String name, String argName, String help,
      String... choices) {
    return new Flag<>(name, argName, help, null, (flag, text) -> {
      String value = text.toLowerCase(Locale.ROOT);
      for (String c : choices) {
        if (c.equals(value)) {
          return value;
        }
      }
      throw new UsageException("--" + flag + " must be one of " + String.join("|", choices)
          + ", got '" + value + "'");
    }, String::valueOf, null);
  }

  /**
   * One of the constants of {@code type}, given by its name in any case and shown in lower case
   * ({@code --precision=bf16}); the argument name lists them.
   */
  public static <E extends Enum<E>> Flag<E> oneOf(String name, String help, Class<E> type) {
    E[] constants = type.getEnumConstants();
    String[] spellings = new String[constants.length];
    for (int i = 0; i < constants.length; i++) {
      spellings[i] = spelling(constants[i]);
    }
    Flag<String> choice = choice(name, String.join("|", spellings), help, spellings);
    return new Flag<>(name, choice.argName, help, null,
        (flag, text) -> Enum.valueOf(type, choice.parse(text).toUpperCase(Locale.ROOT)),
        Flag::spelling, null);
  }

  private static String spelling(Enum<?> constant) {
    return constant.name().toLowerCase(Locale.ROOT);
  }

  /** This flag with {@code value} when it is not given, shown in {@code --help}. */
  public Flag<T> withDefault(T value) {
    return new Flag<>(name, argName, help, Objects.requireNonNull(value), parser, format, whole);
  }

  /** This whole-number flag refusing values below {@code min}. */
  public Flag<T> atLeast(long min) {
    return bounded(new Whole<>(min, whole().max(), whole().narrow()));
  }

  /** This whole-number flag refusing values above {@code max}. */
  public Flag<T> atMost(long max) {
    return bounded(new Whole<>(whole().min(), max, whole().narrow()));
  }

  /**
   * This flag refusing values {@code ok} rejects, with the message {@code --name RULE, got
   * VALUE}, e.g. {@code require(x -> x > 0, "must be positive")}.
   */
  public Flag<T> require(Predicate<T> ok, String rule) {
    Parser<T> checked = (flag, text) -> {
      T value = parser.parse(flag, text);
      if (!ok.test(value)) {
        throw new UsageException("--" + flag + " " + rule + ", got " + value);
      }
      return value;
    };
    return new Flag<>(name, argName, help, defaultValue, checked, format, null);
  }

  public String name() {
    return name;
  }

  /** The Commons CLI option: the help with {@code (default: X)} appended when there is one. */
  Option option() {
    String desc = defaultValue == null ? help
        : help + " (default: " + format.apply(defaultValue) + ")";
    Option.Builder b = Option.builder().longOpt(name).desc(desc);
    return argName == null
        ? b.optionalArg(true).numberOfArgs(1).argName("true|false").build()
        : b.hasArg().argName(argName).build();
  }

  /** The value of {@code text} given on the command line ({@code null}: a bare switch). */
  T parse(String text) {
    return parser.parse(name, text);
  }

  /** The declared default, or null. */
  T defaultValue() {
    return defaultValue;
  }

  /** The whole-number parser this flag's bounds apply to; bounds come before other rules. */
  private Whole<T> whole() {
    if (whole == null || parser != whole) {
      throw new IllegalStateException("--" + name + ": bounds apply to a whole-number flag, "
          + "before require()");
    }
    return whole;
  }

  private Flag<T> bounded(Whole<T> bounds) {
    return new Flag<>(name, argName, help, defaultValue, bounds, format, bounds);
  }

  private static long parseWhole(String name, String value, long min, long max) {
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

  private static double parseNumber(String name, String value) {
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

  private static boolean parseBoolean(String name, String value) {
    if (value == null) {
      return true;
    }
    return switch (value.toLowerCase(Locale.ROOT)) {
      case "true", "yes", "1" -> true;
      case "false", "no", "0" -> false;
      default -> throw new UsageException("--" + name + " must be true or false, got '" + value
          + "'");
    };
  }
}
