package io.vidgan.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.ops.Scopes;
import io.vidgan.ops.Variables;
import io.vidgan.ops.io.CheckpointException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;

/**
 * Resolving {@code --i3d}: TF-Hub module directories, kinetics-i3d checkpoint directories and
 * prefixes, {@code random:SEED}; the layout is told from the logits bias and first batch norm.
 */
class I3dWeightsTest {
  @TempDir Path dir;

  /** Saves just the two tensors layout detection reads, under {@code scope}. */
  private static void saveProbe(Path prefix, String scope, int classes, Shape beta)
      throws IOException {
    Files.createDirectories(prefix.getParent());
    I3dLayout names = new I3dLayout(scope, classes, false);
    try (Graph g = new Graph()) {
      Ops tf = Scopes.root(g);
      String bias = names.name(I3dLayout.LOGITS_BIAS);
      String first = names.name(I3dLayout.FIRST_BETA);
      Variables.constant(Scopes.at(tf, parent(bias)), "b", Shape.of(classes), 0.5f);
      Variables.constant(Scopes.at(tf, parent(first)), "beta", beta, 0f);
      try (Session s = new Session(g)) {
        s.initialize();
        s.save(prefix.toString());
      }
    }
  }

  private static String parent(String name) {
    return name.substring(0, name.lastIndexOf('/'));
  }

  @Test
  void tfHubModuleDirectoryIsTheComparableKind() throws IOException {
    saveProbe(dir.resolve("hub/variables/variables"), I3dLayout.RGB_SCOPE, 400,
        Shape.of(1, 1, 1, 1, 64));
    I3dWeights w = I3dWeights.open(dir.resolve("hub").toString());
    assertEquals(I3dWeights.Kind.TF_HUB_MODULE, w.kind());
    assertEquals(new I3dLayout(I3dLayout.RGB_SCOPE, 400, true), w.layout());
    assertEquals(dir.resolve("hub/variables/variables").toString(),
        w.checkpointPrefix().orElseThrow());
    assertTrue(w.comparableWithPublished());
    assertEquals(64, w.sha256().length());
  }

  @Test
  void kinetics600CheckpointDirectoryIsDetected() throws IOException {
    saveProbe(dir.resolve("rgb_scratch_kin600/model.ckpt"), "", 600, Shape.of(1, 1, 1, 1, 64));
    I3dWeights w = I3dWeights.open(dir.resolve("rgb_scratch_kin600").toString());
    assertEquals(I3dWeights.Kind.CHECKPOINT, w.kind());
    assertEquals(I3dLayout.KINETICS_600, w.layout());
    assertFalse(w.comparableWithPublished());
    assertTrue(w.comparability().startsWith("comparable only with FVDs computed with the same"
        + " checkpoint"), w.comparability());
  }

  @Test
  void prefixesAreHashedByContent() throws IOException {
    saveProbe(dir.resolve("a/ckpt"), I3dLayout.RGB_SCOPE, 400, Shape.of(64));
    saveProbe(dir.resolve("b/ckpt"), I3dLayout.RGB_SCOPE, 400, Shape.of(64));
    saveProbe(dir.resolve("c/ckpt"), I3dLayout.RGB_SCOPE, 400, Shape.of(32));
    I3dWeights a = I3dWeights.open(dir.resolve("a/ckpt").toString());
    assertEquals(a.sha256(), I3dWeights.open(dir.resolve("b/ckpt").toString()).sha256());
    assertNotEquals(a.sha256(), I3dWeights.open(dir.resolve("c/ckpt").toString()).sha256());
  }

  @Test
  void randomWeightsAreSeededAndNeverComparable() throws IOException {
    I3dWeights w = I3dWeights.open("random:42");
    assertEquals(I3dWeights.Kind.RANDOM, w.kind());
    assertEquals(42, w.seed());
    assertFalse(w.comparableWithPublished());
    assertNotEquals(w.sha256(), I3dWeights.open("random:43").sha256());
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> I3dWeights.open("random:x"));
    assertEquals("'random:x': the seed of random:SEED must be an integer", e.getMessage());
  }

  @Test
  void otherCheckpointsAreRejectedByName() throws IOException {
    Path prefix = dir.resolve("other/ckpt");
    saveProbe(prefix, "generator", 400, Shape.of(64));
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> I3dWeights.open(prefix.toString()));
    assertTrue(e.getMessage().contains("is not an I3D RGB checkpoint: it has neither "
        + "RGB/inception_i3d/Logits/Conv3d_0c_1x1/conv_3d/b nor Logits/Conv3d_0c_1x1/conv_3d/b"),
        e.getMessage());
  }
}
