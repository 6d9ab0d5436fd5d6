package io.vidgan.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The CPU every bench table was measured on, as the OS reports it: model, family and model
 * number, the vector extensions that decide oneDNN's kernels, and the data cache sizes. The
 * caches matter on AMD: the OS and oneDNN both read them from CPUID leaf {@code 0x8000001D}, and
 * where a hypervisor leaves that leaf empty, oneDNN 3.5 (TF Java 1.1.0) sizes every cache at one
 * byte and plans its brgemm convolution blocking for that (docs/ENGINEERING.md, "Convolution
 * kernels by CPU family"). An empty {@code /sys/.../cache} on an AMD CPU is that symptom.
 */
record HostCpu(String model, String vendor, String family, String modelNumber,
    List<String> extensions, Map<Integer, Long> cacheBytes) {
  private static final List<String> EXTENSIONS = List.of("avx2", "avx512f", "avx512_bf16",
      "amx_bf16", "avx512_fp16");

  /** This host's CPU (logical CPU 0), read from {@code /proc/cpuinfo} and sysfs. */
  static HostCpu read() {
    return parse(lines(Path.of("/proc/cpuinfo")), Path.of("/sys/devices/system/cpu/cpu0/cache"));
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
    List<String> flags = List.of(fields.getOrDefault("flags", "").split("\\s+"));
    return new HostCpu(fields.getOrDefault("model name", "unknown"),
        fields.getOrDefault("vendor_id", "unknown"), fields.getOrDefault("cpu family", "?"),
        fields.getOrDefault("model", "?"), EXTENSIONS.stream().filter(flags::contains).toList(),
        dataCaches(cacheDir));
  }

  /** Whether oneDNN sees no cache sizes here and sizes them at one byte (see class comment). */
  boolean cachesHidden() {
    return cacheBytes.isEmpty() && vendor.equals("AuthenticAMD");
  }

  /** One line for a bench table's heading. */
  String describe() {
    StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%s (%s, family %s model %s)"
        + ", %s", model, vendor, family, modelNumber, extensions.isEmpty() ? "no AVX2"
        : String.join(" ", extensions)));
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
