package io.vidgan.ops.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.DataType;

/** Listing a checkpoint written by {@code Session.save}, and the errors for unusable ones. */
class CheckpointIndexTest {
  @TempDir Path dir;

  @Test
  void listsEveryTensorWithDtypeAndShape() throws IOException {
    String prefix = dir.resolve("model").toString();
    CheckpointFixture.save(Path.of(prefix), CheckpointFixture.shapes(
        "net/conv/w", Shape.of(3, 3, 2, 4), "net/bn/beta", Shape.of(1, 1, 1, 1, 4),
        "net/scalar", Shape.scalar()), 1);
    CheckpointIndex index = CheckpointIndex.read(prefix);
    assertEquals(List.of("global_step int64 []", "net/bn/beta float [1, 1, 1, 1, 4]",
            "net/conv/w float [3, 3, 2, 4]", "net/scalar float []"),
        index.tensors().stream().map(CheckpointTensor::toString).collect(Collectors.toList()));
    assertEquals(DataType.DT_INT64, index.get("global_step").dtype());
    assertEquals(List.of(Path.of(prefix + ".index"), Path.of(prefix + ".data-00000-of-00001")),
        index.files());
  }

  @Test
  void readsIndexesSpanningManyBlocks() throws IOException {
    // 400 long names make an index of several 4 KiB data blocks with shared-prefix keys.
    List<Object> pairs = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      pairs.add(String.format("generator/gblock_%03d/some_rather_long_layer_name/kernel", i));
      pairs.add(Shape.of(1, i % 7 + 1));
    }
    String prefix = dir.resolve("many").toString();
    Map<String, Shape> shapes = CheckpointFixture.shapes(pairs.toArray());
    CheckpointFixture.save(Path.of(prefix), shapes, 2);
    assertTrue(Files.size(Path.of(prefix + ".index")) > 3 * 4096, "test needs several blocks");
    CheckpointIndex index = CheckpointIndex.read(prefix);
    assertEquals(401, index.tensors().size());
    for (Map.Entry<String, Shape> e : shapes.entrySet()) {
      assertEquals(e.getValue(), index.get(e.getKey()).shape(), e.getKey());
    }
  }

  @Test
  void missingTensorIsNamed() throws IOException {
    String prefix = dir.resolve("model").toString();
    CheckpointFixture.save(Path.of(prefix), CheckpointFixture.shapes("a", Shape.of(2)), 1);
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> CheckpointIndex.read(prefix).get("b/w"));
    assertEquals("checkpoint " + prefix + " has no tensor b/w", e.getMessage());
  }

  @Test
  void badPrefixNamesTheIndexFile() {
    String prefix = dir.resolve("nothing_here").toString();
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> CheckpointIndex.read(prefix));
    assertTrue(e.getMessage().contains(prefix + ".index does not exist"), e.getMessage());
  }

  @Test
  void missingDataShardIsReported() throws IOException {
    String prefix = dir.resolve("model").toString();
    CheckpointFixture.save(Path.of(prefix), CheckpointFixture.shapes("a", Shape.of(2)), 1);
    Files.delete(Path.of(prefix + ".data-00000-of-00001"));
    CheckpointException e = assertThrows(CheckpointException.class,
        () -> CheckpointIndex.read(prefix));
    assertTrue(e.getMessage().contains("incomplete"), e.getMessage());
  }

  @Test
  void corruptIndexIsDetected() throws IOException {
    String prefix = dir.resolve("model").toString();
    CheckpointFixture.save(Path.of(prefix), CheckpointFixture.shapes("a", Shape.of(2)), 1);
    Path index = Path.of(prefix + ".index");
    byte[] bytes = Files.readAllBytes(index);
    bytes[3] ^= 0x40;
    Files.write(index, bytes);
    CheckpointException flipped = assertThrows(CheckpointException.class,
        () -> CheckpointIndex.read(prefix));
    assertTrue(flipped.getMessage().contains("checksum mismatch"), flipped.getMessage());
    Files.write(index, java.util.Arrays.copyOf(bytes, bytes.length - 1));
    CheckpointException truncated = assertThrows(CheckpointException.class,
        () -> CheckpointIndex.read(prefix));
    assertTrue(truncated.getMessage().contains("not a TensorFlow table"),
        truncated.getMessage());
  }
}
