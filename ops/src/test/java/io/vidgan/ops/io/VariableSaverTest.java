package io.vidgan.ops.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.ops.Scopes;
import io.vidgan.ops.Variables;
import io.vidgan.ops.testing.TfRun;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Variable;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;

/**
 * Saving and restoring a chosen set of variables: a checkpoint holding more tensors (one written
 * by {@code Session.save} with every variable) restores the set, the set's own checkpoint lists
 * only its tensors, and a missing tensor or one of another dtype is named.
 */
class VariableSaverTest {
  @TempDir Path dir;

  @Test
  void restoresASubsetAndSavesOnlyIt() throws IOException {
    String all = dir.resolve("all").toString();
    Map<String, float[]> saved = CheckpointFixture.save(Path.of(all), CheckpointFixture.shapes(
        "own/w", Shape.of(3, 2), "below/w", Shape.of(4)), 3);
    String own = dir.resolve("own").toString();
    try (Graph g = new Graph()) {
      Ops tf = Scopes.root(g);
      Variable<TFloat32> w = Variables.constant(Scopes.at(tf, "own"), "w", Shape.of(3, 2), 0f);
      Variables.constant(Scopes.at(tf, "below"), "w", Shape.of(4), 0f);
      Variable<TInt64> step = tf.withInitScope().withName("global_step")
          .variable(tf.withInitScope().constant(0L));
      VariableSaver saver = new VariableSaver(tf, Variables.named(g,
          name -> !name.startsWith("below/")));
      assertEquals(List.of("own/w", "global_step"), saver.names());
      try (Session s = new Session(g)) {
        saver.restore(s, all);
        assertArrayEquals(saved.get("own/w"), TfRun.fetch(s, w));
        try (Result r = s.runner().fetch(step).run()) {
          assertEquals(7L, ((TInt64) r.get(0)).getLong(), "an int64 variable restores too");
        }
        saver.save(s, own);
      }
    }
    assertEquals(List.of("global_step", "own/w"), CheckpointIndex.read(own).tensors().stream()
        .map(CheckpointTensor::name).sorted().toList());
  }

  @Test
  void aMissingTensorIsNamed() {
    String m = restoreFailure(tf -> {
      Variables.constant(tf, "a", Shape.of(2), 0f);
      Variables.constant(tf, "gone", Shape.of(2), 0f);
    });
    assertTrue(m.contains("has no tensor gone"), m);
  }

  @Test
  void aTensorOfAnotherDtypeIsNamed() {
    String m = restoreFailure(tf -> tf.withInitScope().withName("a").variable(
        tf.withInitScope().zeros(tf.constant(new long[] {2}), TInt64.class)));
    assertTrue(m.contains("tensor a is float, expected int64"), m);
  }

  /**
   * The message of restoring every variable {@code variables} builds from a checkpoint holding a
   * float tensor {@code a} of 2 elements (and {@code global_step}).
   */
  private String restoreFailure(Consumer<Ops> variables) {
    String prefix = dir.resolve("ckpt").toString();
    CheckpointFixture.save(Path.of(prefix), CheckpointFixture.shapes("a", Shape.of(2)), 1);
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Scopes.root(g);
      variables.accept(tf);
      VariableSaver saver = new VariableSaver(tf, Variables.named(g, name -> true));
      return assertThrows(CheckpointException.class, () -> saver.restore(s, prefix)).getMessage();
    }
  }
}
