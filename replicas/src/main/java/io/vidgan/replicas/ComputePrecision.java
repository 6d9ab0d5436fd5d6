package io.vidgan.replicas;

import io.vidgan.ops.Precision;
import io.vidgan.ops.optim.DynamicLossScale;
import io.vidgan.replicas.config.TrainerConfig;
import io.vidgan.replicas.devices.Devices;
import io.vidgan.replicas.devices.HostCpu;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The precision a run's graph computes in: the one {@code --precision} asks for, except bf16 on
 * CPUs without native bf16 arithmetic, which compute in fp32 and say so. oneDNN runs bf16
 * convolutions fast only with AVX512_BF16 or AMX ({@code avx512_bf16}, {@code amx_bf16} in
 * {@code /proc/cpuinfo}); elsewhere TF converts in software and bf16 is slower than fp32. fp16
 * on a CPU without AVX512_FP16 computes in fp16 as asked, with a warning: TF runs its Eigen
 * kernels, hundreds of times slower than fp32 (fp16 is meant for GPUs).
 */
public final class ComputePrecision {
  /** The CPU flags that give oneDNN native bf16 dot products. */
  static final List<String> BF16_CPU_FLAGS = List.of("avx512_bf16", "amx_bf16");
  /** The CPU flag oneDNN needs for fp16 ({@code DT_HALF}) kernels. */
  static final String FP16_CPU_FLAG = "avx512_fp16";
  private static final String CPU_INFO = "/proc/cpuinfo";

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
   * The dynamic loss scaling of a run computing in {@code precision} ({@link #resolve}): fp16's,
   * from {@code run}'s {@code --loss-scale} and {@code --loss-scale-growth}; none otherwise.
   */
  static Optional<DynamicLossScale.Settings> lossScale(Precision precision, TrainerConfig run) {
    return precision.needsLossScaling()
        ? Optional.of(new DynamicLossScale.Settings(run.getLossScale(), run.getLossScaleGrowth()))
        : Optional.empty();
  }

  /**
   * What {@code asked} computes in on {@code devices} (replicas on GPUs compute as asked); a
   * fallback is reported to {@code log}.
   */
  static Precision resolve(TrainerConfig.Precision asked, Devices devices, Consumer<String> log) {
    Precision p = of(asked);
    boolean onCpu = devices.onCpu();
    if (p == Precision.FP16 && onCpu && !HostCpu.read().hasAny(List.of(FP16_CPU_FLAG))) {
      log.accept("warning: precision fp16: this CPU has no fast fp16 path (no " + FP16_CPU_FLAG
          + " in " + CPU_INFO + "); fp16 products run in TF's Eigen fallback, hundreds of times "
          + "slower than fp32 (fp16 is for GPUs)");
    }
    if (p != Precision.BF16 || !onCpu || cpuHasNativeBf16()) {
      return p;
    }
    log.accept("precision: this CPU has no native bf16 (none of " + String.join(", ",
        BF16_CPU_FLAGS) + " in " + CPU_INFO + "); computing in fp32");
    return Precision.FP32;
  }

  /** Whether this host's CPU has AVX512_BF16 or AMX (false where that cannot be read). */
  public static boolean cpuHasNativeBf16() {
    return HostCpu.read().hasAny(BF16_CPU_FLAGS);
  }
}
