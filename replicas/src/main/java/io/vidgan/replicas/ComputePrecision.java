package io.vidgan.replicas;

import io.vidgan.ops.Precision;
import io.vidgan.replicas.config.TrainerConfig;
import io.vidgan.replicas.devices.Devices;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.tensorflow.DeviceSpec;

/**
 * The precision a run's graph computes in: the one {@code --precision} asks for, except bf16 on
 * CPUs without native bf16 arithmetic, which compute in fp32 and say so. oneDNN runs bf16
 * convolutions fast only with AVX512_BF16 or AMX ({@code avx512_bf16}, {@code amx_bf16} in
 * {@code /proc/cpuinfo}); elsewhere TF converts in software and bf16 is slower than fp32.
 */
public final class ComputePrecision {
  /** The CPU flags that give oneDNN native bf16 dot products. */
  static final List<String> BF16_CPU_FLAGS = List.of("avx512_bf16", "amx_bf16");
  private static final Path CPU_INFO = Path.of("/proc/cpuinfo");

  private ComputePrecision() {}

  /** The ops value of a run's setting. */
  static Precision of(TrainerConfig.Precision p) {
    return switch (p) {
      case FP32 -> Precision.FP32;
      case BF16 -> Precision.BF16;
      case FP16 -> Precision.FP16;
    };
  }

  /**
   * What {@code asked} computes in on {@code devices} (replicas on GPUs compute as asked); a
   * fallback is reported to {@code log}.
   */
  static Precision resolve(TrainerConfig.Precision asked, Devices devices, Consumer<String> log) {
    Precision p = of(asked);
    boolean onCpu = devices.replica(0).deviceType() != DeviceSpec.DeviceType.GPU;
    if (p != Precision.BF16 || !onCpu || cpuHasNativeBf16()) {
      return p;
    }
    log.accept("precision: this CPU has no native bf16 (none of " + String.join(", ",
        BF16_CPU_FLAGS) + " in " + CPU_INFO + "); computing in fp32");
    return Precision.FP32;
  }

  /** Whether this host's CPU has AVX512_BF16 or AMX (false where that cannot be read). */
  public static boolean cpuHasNativeBf16() {
    try {
      return Files.readAllLines(CPU_INFO).stream()
          .filter(line -> line.startsWith("flags"))
          .findFirst()
          .map(line -> BF16_CPU_FLAGS.stream().anyMatch(f -> List.of(line.split("\\s+"))
              .contains(f)))
          .orElse(false);
    } catch (IOException e) {
      return false;
    }
  }
}
