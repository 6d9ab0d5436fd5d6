package io.vidgan.replicas;

import io.vidgan.replicas.devices.Devices;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * 8 replicas with global batch B update every variable exactly as 1 replica with batch B does,
 * whether they are 8 towers (on logical CPU devices, as on 8 GPUs) or one fused CPU tower (up to
 * the float32 rounding bounds of {@link TrainedStateBound}), for a D step followed by a G step:
 * same noise (drawn for the global batch), same synchronous BN moments, gradients summed across
 * replicas. Compared: the model, its spectral-norm and BN state, the EMA, and both Adams' moments
 * (i.e. the gradients themselves). System property {@value ReplicaEquivalence#INTRA_OP_THREADS}
 * sets the sessions' intra-op threads ({@code .ci/run} runs this test again with oneDNN off).
 *
 * <p>This test found a real race: without gating updates on all gradients (see {@code
 * Optimizer}), a batch norm's {@code gamma} could be updated while other replicas still
 * back-propagated through it, making G's gradients differ by 0.1% from run to run.
 */
class ReplicaEquivalenceTest {
  @ParameterizedTest
  @ValueSource(strings = {"tiny/lres", "tiny/sres"})
  void eightTowersMatchOne(String preset) throws Exception {
    String stage = preset.substring(preset.indexOf('/') + 1);
    ReplicaEquivalence.assertEquivalent(preset, Devices.logicalCpus(8),
        List.of(stage, "G_adam", "D_adam"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"tiny/lres", "tiny/sres"})
  void eightReplicasInOneCpuTowerMatchOne(String preset) throws Exception {
    String stage = preset.substring(preset.indexOf('/') + 1);
    ReplicaEquivalence.assertEquivalent(preset, Devices.local(8, 0),
        List.of(stage, "G_adam", "D_adam"));
  }
}
