package io.vidgan.metrics.bench;

import io.vidgan.data.Frames;
import io.vidgan.metrics.I3dEmbedder;
import io.vidgan.metrics.I3dLayout;
import io.vidgan.metrics.I3dWeights;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Measures I3D throughput on this machine (not a test): {@code I3dBench [frames] [batch]
 * [batches] [size]} prints graph build + initialisation time and steady-state clips/s for
 * {@code batch} clips of {@code frames} frames of {@code size x size} (resized to 224 in-graph),
 * with the process CPU time per clip (which other load on the machine does not inflate).
 *
 * <p>Run: {@code mvn -o -q -pl metrics-i3d -am test-compile}, then {@code java -cp
 * metrics-i3d/target/classes:metrics-i3d/target/test-classes:<runtime classpath>
 * io.vidgan.metrics.bench.I3dBench 16 16 6 128}.
 */
public final class I3dBench {
  private I3dBench() {}

  private static long cpuNanos() {
    return ((com.sun.management.OperatingSystemMXBean)
        java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
  }

  public static void main(String[] args) throws Exception {
    int frames = args.length > 0 ? Integer.parseInt(args[0]) : 16;
    int batch = args.length > 1 ? Integer.parseInt(args[1]) : 16;
    int batches = args.length > 2 ? Integer.parseInt(args[2]) : 4;
    int size = args.length > 3 ? Integer.parseInt(args[3]) : 64;
    List<Frames> clips = new ArrayList<>();
    Random random = new Random(0);
    for (int i = 0; i < batch; i++) {
      byte[] rgb = new byte[frames * size * size * 3];
      random.nextBytes(rgb);
      clips.add(new Frames(frames, size, size, rgb));
    }
    long t0 = System.nanoTime();
    try (I3dEmbedder embedder = new I3dEmbedder(I3dWeights.random(0, I3dLayout.KINETICS_400),
        frames)) {
      long t1 = System.nanoTime();
      embedder.embed(clips);
      long t2 = System.nanoTime();
      long cpu0 = cpuNanos();
      for (int b = 0; b < batches; b++) {
        embedder.embed(clips);
      }
      long t3 = System.nanoTime();
      double cpu = (cpuNanos() - cpu0) / 1e9;
      double steady = (t3 - t2) / 1e9;
      System.out.printf(Locale.ROOT, "frames=%d batch=%d input=%dx%d processors=%d%n", frames,
          batch, size, size, Runtime.getRuntime().availableProcessors());
      System.out.printf(Locale.ROOT, "build+init %.2f s, first batch %.2f s%n", (t1 - t0) / 1e9,
          (t2 - t1) / 1e9);
      System.out.printf(Locale.ROOT, "steady: %d batches in %.2f s = %.3f s/batch = %.2f clips/s%n",
          batches, steady, steady / batches, batches * batch / steady);
      System.out.printf(Locale.ROOT, "process CPU: %.2f s per clip (%.2f cores busy on average)%n",
          cpu / (batches * batch), cpu / steady);
      System.out.printf(Locale.ROOT, "projected 2048 clips: %.1f min%n",
          2048 / (batches * batch / steady) / 60);
    }
  }
}
