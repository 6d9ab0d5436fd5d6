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
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
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
 * Restoring checkpoint tensors by name into differently named (and shaped) variables of any dtype.
 */
class CheckpointRestorerTest {
  @TempDir Path dir;
  private String prefix;
  private Map<String, float[]> saved;

  @BeforeEach
  void writeCheckpoint() {
    prefix = dir.resolve("ckpt-00000010").toString();
    saved = CheckpointFixture.save(Path.of(prefix), CheckpointFixture.shapes(
        "old/conv/w", Shape.of(3, 2, 4), "old/bn/beta", Shape.of(1, 1, 1, 1, 4)), 5);
  }

  @Test
  void restoresByNameIntoRenamedAndReshapedVariables() throws IOException {
    try (Graph g = new Graph()) {
      Ops tf = Scopes.root(g);
      Variable<TFloat32> kernel = Variables.constant(tf, "new_kernel", Shape.of(3, 2, 4), 0f);
      Variable<TFloat32> beta = Variables.constant(tf, "new_beta", Shape.of(4), 0f);
      CheckpointRestorer restorer =
          new CheckpointRestorer(tf, Map.of("old/conv/w", kernel, "old/bn/beta", beta));
      try (Session s = new Session(g)) {
        restorer.restore(s, prefix);
        assertArrayEquals(saved.get("old/conv/w"), TfRun.fetch(s, kernel));
        assertArrayEquals(saved.get("old/bn/beta"), TfRun.fetch(s, beta));
      }
    }
  }

  @Test
  void restoreRunsAgainAgainstAnotherPrefix() throws IOException {
    String other = dir.resolve("other").toString();
    Map<String, float[]> second = CheckpointFixture.save(Path.of(other),
        CheckpointFixture.shapes("old/bn/beta", Shape.of(4)), 99);
    try (Graph g = new Graph()) {
      Ops tf = Scopes.root(g);
      Variable<TFloat32> beta = Variables.constant(tf, "beta", Shape.of(4), 0f);
      CheckpointRestorer restorer = new CheckpointRestorer(tf, Map.of("old/bn/beta", beta));
      try (Session s = new Session(g)) {
        restorer.restore(s, prefix);
        assertArrayEquals(saved.get("old/bn/beta"), TfRun.fetch(s, beta));
        restorer.restore(s, other);
        assertArrayEquals(second.get("old/bn/beta"), TfRun.fetch(s, beta));
      }
    }
  }

  @Test
  void restoresAVariableOfAnyDtypeUnderAnotherName() throws IOException {
    try (Graph g = new Graph()) {
      Ops tf = Scopes.root(g);
      Variable<TInt64> step = tf.withInitScope().withName("step")
          .variable(tf.withInitScope().constant(0L));
      CheckpointRestorer restorer = new CheckpointRestorer(tf, Map.of("global_step", step));
      try (Session s = new Session(g)) {
        restorer.restore(s, prefix);
        try (Result r = s.runner().fetch(step).run()) {
          assertEquals(7L, ((TInt64) r.get(0)).getLong());
        }
      }
    }
  }

  @Test
  void everyMisfitIsNamedBeforeAnythingRuns() {
    try (Graph g = new Graph()) {
      Ops tf = Scopes.root(g);
      CheckpointRestorer restorer = new CheckpointRestorer(tf, Map.of(
          "old/conv/w", Variables.constant(tf, "a", Shape.of(7), 0f),
          "old/missing", Variables.constant(tf, "b", Shape.of(1), 0f),
          "global_step", Variables.constant(tf, "c", Shape.scalar(), 0f),
          "old/bn/beta", tf.withInitScope().withName("d")
              .variable(tf.withInitScope().zeros(tf.constant(new long[] {4}), TInt64.class))));
      try (Session s = new Session(g)) {
        CheckpointException e = assertThrows(CheckpointException.class,
            () -> restorer.restore(s, prefix));
        String m = e.getMessage();
        assertTrue(m.startsWith("checkpoint " + prefix + " does not fit the graph (4 problems)"), m);
        assertTrue(m.contains("tensor old/conv/w: shape [3, 2, 4] in checkpoint vs [7] in graph"), m);
        assertTrue(m.contains("has no tensor old/missing"), m);
        assertTrue(m.contains("tensor global_step is int64, expected float"), m);
        assertTrue(m.contains("tensor old/bn/beta is float, expected int64"), m);
      }
    }
  }

  @Test
  void badPrefixIsNamed() {
    try (Graph g = new Graph()) {
      Ops tf = Scopes.root(g);
      CheckpointRestorer restorer = new CheckpointRestorer(tf,
          Map.of("old/bn/beta", Variables.constant(tf, "beta", Shape.of(4), 0f)));
      try (Session s = new Session(g)) {
        String bad = dir.resolve("ckpt-404").toString();
        CheckpointException e = assertThrows(CheckpointException.class,
            () -> restorer.restore(s, bad));
        assertTrue(e.getMessage().startsWith("no checkpoint at " + bad), e.getMessage());
      }
    }
  }

  @Test
  void onlyVariablesCanBeRestored() {
    try (Graph g = new Graph()) {
      Ops tf = Scopes.root(g);
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> new CheckpointRestorer(tf, Map.of("x", tf.constant(new float[] {1f}))));
      assertTrue(e.getMessage().contains("x must map to a VariableV2"), e.getMessage());
      assertEquals(IllegalArgumentException.class, assertThrows(RuntimeException.class,
          () -> new CheckpointRestorer(tf, Map.of())).getClass());
    }
  }
}
