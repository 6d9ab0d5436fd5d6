package io.vidgan.replicas.devices;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class HostCpuTest {
  private static List<String> cpuinfo(String vendor, String flags) {
    return List.of("processor\t: 0", "vendor_id\t: " + vendor, "cpu family\t: 26",
        "model\t\t: 2", "model name\t: Test CPU", "flags\t\t: fpu " + flags, "",
        "processor\t: 1", "model name\t: Other CPU");
  }

  private static void cache(Path dir, int index, String type, int level, String size)
      throws IOException {
    Path d = Files.createDirectories(dir.resolve("index" + index));
    Files.writeString(d.resolve("type"), type + "\n");
    Files.writeString(d.resolve("level"), level + "\n");
    Files.writeString(d.resolve("size"), size + "\n");
  }

  @Test
  void readsTheFirstProcessorAndItsDataCaches(@TempDir Path dir) throws IOException {
    cache(dir, 0, "Data", 1, "48K");
    cache(dir, 1, "Instruction", 1, "32K");
    cache(dir, 2, "Unified", 2, "1024K");
    cache(dir, 3, "Unified", 3, "32M");
    HostCpu cpu = HostCpu.parse(cpuinfo("AuthenticAMD", "avx2 avx512f avx512_bf16"), dir);
    assertEquals("Test CPU", cpu.model());
    assertTrue(cpu.hasAny(List.of("amx_bf16", "avx512_bf16")));
    assertFalse(cpu.hasAny(List.of("amx_bf16", "avx512_fp16")));
    assertEquals(Map.of(1, 48L << 10, 2, 1L << 20, 3, 32L << 20), cpu.cacheBytes());
    assertFalse(cpu.cachesHidden());
    assertTrue(cpu.cacheWarning().isEmpty());
    assertEquals("Test CPU (AuthenticAMD, family 26 model 2), avx2 avx512f avx512_bf16, data "
        + "caches L1 48 KiB, L2 1024 KiB, L3 32768 KiB", cpu.describe());
  }

  @Test
  void anAmdCpuWithoutCacheSizesIsFlaggedAndAnIntelOneIsNot(@TempDir Path dir) {
    HostCpu amd = HostCpu.parse(cpuinfo("AuthenticAMD", "avx2"), dir.resolve("absent"));
    assertTrue(amd.cachesHidden());
    assertTrue(amd.describe().contains("0x8000001D empty"), amd.describe());
    assertTrue(amd.cacheWarning().orElseThrow().startsWith("warning: this AMD CPU's cache sizes"));
    HostCpu intel = HostCpu.parse(cpuinfo("GenuineIntel", "avx2"), dir);
    assertFalse(intel.cachesHidden());
    assertTrue(intel.cacheWarning().isEmpty());
    assertTrue(intel.describe().endsWith("data caches not reported to the OS"),
        intel.describe());
  }

  @Test
  void sysfsSizesInBytes() {
    assertEquals(48L << 10, HostCpu.bytes("48K"));
    assertEquals(32L << 20, HostCpu.bytes("32M"));
    assertEquals(512, HostCpu.bytes("512"));
  }
}
