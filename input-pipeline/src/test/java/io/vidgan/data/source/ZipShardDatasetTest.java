package io.vidgan.data.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.data.BadInputs;
import io.vidgan.data.DatasetException;
import io.vidgan.data.Frames;
import io.vidgan.data.TestVideos;
import io.vidgan.data.io.ImageCodec;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ZipShardDatasetTest {
  private static final Frames A = TestVideos.random(4, 5, 7, 11);
  private static final Frames B = TestVideos.random(2, 5, 7, 12);

  @TempDir
  Path dir;

  @Test
  void readsLongVideoGanLayout() throws Exception {
    Path zip = zip("partition_0000.zip", "clip_b/", B, "clip_a/", A);
    try (ZipShardDataset data = new ZipShardDataset(List.of(zip), new BadInputs(false))) {
      assertEquals(2, data.size());
      assertEquals(zip + "!clip_a", data.info(0).id());
      assertEquals(4, data.info(0).frames());
      assertArrayEquals(A.rgb(), data.read(0, 0, 4, 1).rgb());
      assertArrayEquals(B.frame(1).rgb(), data.read(1, 1, 1, 1).rgb());
    }
  }

  @Test
  void pathTraversalEntryIsRejectedAndNothingIsWrittenOutside() throws Exception {
    Path zip = zip("evil.zip", "clip_a/", A, "clip_a/../../escaped_", B);
    DatasetException e = assertThrows(DatasetException.class,
        () -> new ZipShardDataset(List.of(zip), new BadInputs(false)));
    assertTrue(e.getMessage().contains("evil.zip!clip_a/../../escaped_000000.png: unsafe entry "
        + "name"), e.getMessage());
    BadInputs skip = new BadInputs(true);
    try (ZipShardDataset data = new ZipShardDataset(List.of(zip), skip)) {
      assertEquals(1, data.size());
      assertEquals(4, data.read(0, 0, 4, 1).count());
    }
    assertEquals(2, skip.count(), "one count per unsafe entry");
    try (var files = Files.walk(dir.getParent())) {
      assertFalse(files.anyMatch(p -> p.getFileName().toString().startsWith("escaped_")));
    }
  }

  @Test
  void notAZipIsAnError() throws Exception {
    Path fake = Files.writeString(dir.resolve("fake.zip"), "plain text");
    DatasetException e = assertThrows(DatasetException.class,
        () -> new ZipShardDataset(List.of(fake), new BadInputs(false)));
    assertTrue(e.getMessage().contains("fake.zip: not a ZIP archive"), e.getMessage());
  }

  /** A ZIP with the frames of each (prefix, frames) pair as PNG entries. */
  private Path zip(String name, Object... prefixAndFrames) throws Exception {
    Path zip = dir.resolve(name);
    try (OutputStream file = Files.newOutputStream(zip);
        ZipOutputStream out = new ZipOutputStream(file)) {
      for (int k = 0; k < prefixAndFrames.length; k += 2) {
        Frames frames = (Frames) prefixAndFrames[k + 1];
        for (int i = 0; i < frames.count(); i++) {
          out.putNextEntry(new ZipEntry(prefixAndFrames[k] + String.format("%06d.png", i)));
          out.write(ImageCodec.encode(frames, i, ImageCodec.Format.PNG, 1f));
          out.closeEntry();
        }
      }
      out.putNextEntry(new ZipEntry("frame_paths.json"));
      out.write("{}".getBytes());
      out.closeEntry();
    }
    return zip;
  }
}
