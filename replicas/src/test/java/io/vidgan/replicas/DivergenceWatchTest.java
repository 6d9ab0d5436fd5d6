package io.vidgan.replicas;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.replicas.config.DivergenceWatchConfig;
import java.util.Optional;
import java.util.Random;
import java.util.function.IntToDoubleFunction;
import org.junit.jupiter.api.Test;

class DivergenceWatchTest {
  private static final DivergenceWatchConfig CONFIG = DivergenceWatchConfig.newBuilder()
      .setPlateauSteps(50).setGradNormWindow(20).build();

  /** Feeds {@code steps} D losses from {@code loss}; returns the first step that warns, or -1. */
  private static long firstWarning(DivergenceWatch watch, int steps,
      IntToDoubleFunction loss, Random noise) {
    for (int i = 0; i < steps; i++) {
      float norm = 1 + 0.1f * (float) noise.nextGaussian();
      if (watch.observe((float) loss.applyAsDouble(i), norm, norm).isPresent()) {
        return i;
      }
    }
    return -1;
  }

  @Test
  void aDLossStuckAtZeroAtTwoOrCreepingAtThousandsWarnsAfterTheWindow() {
    Random r = new Random(1);
    assertEquals(49, firstWarning(new DivergenceWatch(CONFIG), 200, i -> 0, r));
    assertEquals(49, firstWarning(new DivergenceWatch(CONFIG), 200,
        i -> 2 + 1e-3 * Math.sin(i), r));
    // Measured with learning rates of 1e4: D ~3060, moving ~0.02 per iteration.
    assertEquals(49, firstWarning(new DivergenceWatch(CONFIG), 200, i -> 3076 - 0.02 * i, r));
  }

  @Test
  void aMovingDLossDoesNotWarn() {
    Random r = new Random(2);
    assertEquals(-1, firstWarning(new DivergenceWatch(CONFIG), 1000,
        i -> 1.5 + 0.2 * r.nextGaussian(), r));
    assertEquals(-1, firstWarning(new DivergenceWatch(CONFIG.toBuilder().setPlateauSteps(0)
        .build()), 200, i -> 0, r), "off at 0");
  }

  @Test
  void anExplodingGradientNormWarnsNamingTheNetwork() {
    DivergenceWatch watch = new DivergenceWatch(CONFIG);
    Random r = new Random(3);
    for (int i = 0; i < 40; i++) {
      float loss = 1.5f + 0.2f * (float) r.nextGaussian();
      assertEquals(Optional.empty(), watch.observe(loss, 2 + (float) r.nextGaussian() * 0.1f,
          1));
    }
    Optional<String> w = watch.observe(1.4f, 2e3f, 1);
    assertTrue(w.isPresent() && w.get().matches("G gradient norm 2\\.00e\\+03 is \\d+x its median "
        + "\\d\\.\\d+ over the last 20 iterations"), w.toString());
    assertEquals(Optional.empty(), watch.observe(1.6f, 150, 1), "75x is below the factor");
  }
}
