package io.vidgan.data.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class TfRecordWriterTest {
  /** A full disk ({@code /dev/full} fails every write with ENOSPC) names the file. */
  @Test
  void aFailedWriteNamesTheFile() {
    Path full = Path.of("/dev/full");
    IOException e = assertThrows(IOException.class, () -> {
      try (TfRecordWriter w = new TfRecordWriter(full)) {
        w.write(new byte[2 << 20]);
      }
    });
    assertEquals("/dev/full: cannot write (No space left on device)", e.getMessage());
  }
}
