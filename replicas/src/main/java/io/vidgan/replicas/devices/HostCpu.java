package io.vidgan.replicas.devices;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * This host's CPU as the OS reports it: model, vendor, family and model number, its feature
 * flags, and its data cache sizes. The flags decide oneDNN's kernels (AVX-512, bf16, AMX, fp16);
 * the caches matter on AMD: the OS and oneDNN both read them from CPUID leaf {@code 0x8000001D},
 * and where a hypervisor leaves that leaf empty, oneDNN 3.5 (TF Java 1.1.0) sizes every cache at
 * one byte and plans its brgemm convolution blocking for that: forward and backward-data
 * convolutions run at a third to a half of their speed, and bf16 ones with an odd number of input
 * channels compute wrong results (docs/ENGINEERING.md, "Convolution kernels by CPU family"). An
 * empty {@code /sys/.../cache} on an AMD CPU is that symptom.
 *
 * @param flags the {@code flags} line of {@code /proc/cpuinfo}
 * @param cacheBytes data and unified cache size per level, lowest level first; empty where the OS
 *     lists none
 */
public record HostCpu(String model, String vendor, String family, String modelNumber,
    List<String> flags, Map<Integer, Long> cacheBytes) {
  private static final Path CPU_INFO = Path.of("/proc/cpuinfo");
  private static final List<String> SHOWN_FLAGS = List.of("avx2", "avx512f", "avx512_bf16",
      "amx_bf16", "avx512_fp16");

  public HostCpu {
    flags = List.copyOf(flags);
    cacheBytes = Collections.unmodifiableSortedMap(new TreeMap<>(cacheBytes));
  }

  /** This host's CPU (logical CPU 0); unknown fields where {@code /proc/cpuinfo} is unreadable. */
  public static HostCpu read() {
    return parse(lines(CPU_INFO), Path.of("/sys/devices/system/cpu/cpu0/cache"));
  }

  /**
   * @param cpuinfo the lines of {@code /proc/cpuinfo}; only the first processor's are read
   * @param cacheDir the CPU's sysfs cache directory ({@code index*} with level, type, size)
   */
  static HostCpu parse(List<String> cpuinfo, Path cacheDir) {
    Map<String, String> fields = new TreeMap<>();
    for (String line : cpuinfo) {
      if (line.isBlank() && !fields.isEmpty()) {
        break;
      }
      int colon = line.indexOf(':');
      if (colon > 0) {
        fields.putIfAbsent(line.substring(0, colon).trim(), line.substring(colon + 1).trim());
      }
    }
    String flags = fields.getOrDefault("flags", "");
    return new HostCpu(fields.getOrDefault("model name", "unknown"),
        fields.getOrDefault("vendor_id", "unknown"), fields.getOrDefault("cpu family", "?"),
        fields.getOrDefault("model", "?"),
        flags.isEmpty() ? List.of() : List.of(flags.split("\\s+")), dataCaches(cacheDir));
  }

  /** Whether the CPU has any of {@code wanted} ({@code /proc/cpuinfo} names). */
  public boolean hasAny(List<String> wanted) {
    return wanted.stream().anyMatch(flags::contains);
  }

  /** Whether oneDNN sees no cache sizes here and sizes them at one byte (see class comment). */
  public boolean cachesHidden() {
    return cacheBytes.isEmpty() && vendor.equals("AuthenticAMD");
  }

  /** A warning for a run on this CPU whose caches are hidden, else empty. */
  public Optional<String> cacheWarning() {
    return cachesHidden() ? Optional.of("warning: this AMD CPU's cache sizes are hidden (no "
        + "/sys/devices/system/cpu/cpu0/cache; a virtual machine leaving CPUID leaf 0x8000001D "
        + "empty): TF's oneDNN then runs forward and backward-data convolutions at a third to "
        + "a half of their speed (docs/ENGINEERING.md, \"Convolution kernels by CPU family\")")
        : Optional.empty();
  }

  /** One line naming the CPU, its vector extensions and caches, for a bench table's heading. */
  public String describe() {
    List<String> shown = SHOWN_FLAGS.stream().filter(flags::contains).toList();
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s (%s, family %s model %s)"
        + ", %s", model, vendor, family, modelNumber, shown.isEmpty() ? "no AVX2"
        : String.join(" ", shown)));
    if (cacheBytes.isEmpty()) {
      sb.append(", data caches not reported to the OS");
      if (cachesHidden()) {
        sb.append(" (CPUID leaf 0x8000001D empty: oneDNN plans its brgemm kernels for 1-byte "
            + "caches)");
      }
    } else {
      List<String> parts = new ArrayList<>();
      cacheBytes.forEach((level, bytes) -> parts.add("L" + level + " " + bytes / 1024 + " KiB"));
      sb.append(", data caches ").append(String.join(", ", parts));
    }
    return sb.toString();
  }

  /** Data and unified cache size per level; empty where sysfs lists none. */
  private static Map<Integer, Long> dataCaches(Path dir) {
    Map<Integer, Long> sizes = new TreeMap<>();
    if (!Files.isDirectory(dir)) {
      return sizes;
    }
    try (Stream<Path> entries = Files.list(dir)) {
      for (Path index : entries.filter(p -> p.getFileName().toString().startsWith("index"))
          .toList()) {
        Optional<String> type = first(index.resolve("type"));
        Optional<String> level = first(index.resolve("level"));
        Optional<String> size = first(index.resolve("size"));
        if (type.isPresent() && !type.get().equals("Instruction") && level.isPresent()
            && size.isPresent()) {
          sizes.put(Integer.parseInt(level.get()), bytes(size.get()));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return Map.of();
    }
    return sizes;
  }

  /** A sysfs size such as {@code 48K} or {@code 1024K} or {@code 32M} in bytes. */
  static long bytes(String size) {
    char unit = Character.toUpperCase(size.charAt(size.length() - 1));
    long scale = unit == 'K' ? 1L << 10 : unit == 'M' ? 1L << 20 : unit == 'G' ? 1L << 30 : 1;
    String digits = Character.isDigit(unit) ? size : size.substring(0, size.length() - 1);
    return Long.parseLong(digits) * scale;
  }

  private static Optional<String> first(Path file) {
    List<String> l = lines(file);
    return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0).trim());
  }

  private static List<String> lines(Path file) {
    try {
      return Files.readAllLines(file);
    } catch (IOException e) {
      return List.of();
    }
  }
}
