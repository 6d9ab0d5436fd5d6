package io.vidgan.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.data.io.ImageCodec;
import io.vidgan.data.source.TfRecordFile;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No declared size makes a reader allocate beyond the bounds; each is a bad input naming it. */
class ReadLimitsTest {
  @TempDir
  Path dir;

  /** A ZIP shard whose one frame inflates past the bound (2 GiB in the issue; 1 MB on disk). */
  @Test
  void aZipEntryInflatingPastTheBoundIsABadInputNamingItSkippable() throws Exception {
    Path zip = dir.resolve("bomb.zip");
    byte[] good = ImageCodec.encode(TestVideos.random(1, 4, 4, 1), 0, ImageCodec.Format.PNG, 1f);
    try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(zip))) {
      z.putNextEntry(new ZipEntry("a/000000.png"));
      byte[] zeros = new byte[1 << 20];
      for (long written = 0; written <= ReadLimits.MAX_FRAME_BYTES; written += zeros.length) {
        z.write(zeros);
      }
      z.putNextEntry(new ZipEntry("b/000000.png"));
      z.write(good);
    }
    assertTrue(Files.size(zip) < 1 << 20, "compressed");
    try (VideoDataset data = Datasets.open(zip.toString(), false)) {
      DatasetException e = assertThrows(DatasetException.class, () -> data.info(0));
      assertTrue(e.getMessage().startsWith(zip + "!a/000000.png: encoded frame declares "),
          e.getMessage());
      assertEquals(4, data.info(1).width());
    }
    Path out = dir.resolve("out");
    assertEquals(1, new PrepareDataset().execute(new String[] {"--source=" + zip,
        "--out=" + out}));
    assertEquals(0, new PrepareDataset().execute(new String[] {"--source=" + zip,
        "--out=" + out, "--skip-bad"}));
    try (VideoDataset converted = Datasets.open(out.toString(), false)) {
      assertEquals(1, converted.size());
    }
  }

  @Test
  void aFrameHeaderDeclaringHugeDimensionsIsRefusedBeforeDecoding() {
    byte[] png = pngHeader(65535, 40000);
    DatasetException e = assertThrows(DatasetException.class,
        () -> ImageCodec.size(png, "x.png"));
    assertEquals("x.png: frame is 65535x40000, above the limit of 8192 pixels a side",
        e.getMessage());
    assertThrows(DatasetException.class, () -> ImageCodec.decode(png, "x.png"));
  }

  /** A record whose (checksummed) length is over the bound, in a sparse file that holds it. */
  @Test
  void aTfRecordLengthOverTheBoundIsABadInputNamingTheRecord() throws Exception {
    Path file = dir.resolve("big.tfrecord");
    long length = ReadLimits.MAX_RECORD_BYTES + 1;
    ByteBuffer header = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putLong(length);
    CRC32C crc = new CRC32C();
    crc.update(header.array(), 0, 8);
    int c = (int) crc.getValue();
    header.putInt(8, ((c >>> 15) | (c << 17)) + 0xa282ead8);
    try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
      raf.write(header.array());
      raf.setLength(12 + length + 4);
    }
    DatasetException e = assertThrows(DatasetException.class,
        () -> TfRecordFile.scan(file, new BadInputs(false)));
    assertEquals(file + ": record #0 at byte 0: declares " + length + " data bytes, above the "
        + "limit of " + ReadLimits.MAX_RECORD_BYTES + " for one video", e.getMessage());
    BadInputs bad = new BadInputs(true);
    assertEquals(0, TfRecordFile.scan(file, bad).size());
    assertEquals(1, bad.count());
  }

  /** A PNG signature and IHDR chunk (8-bit RGB) declaring {@code width x height}. */
  private static byte[] pngHeader(int width, int height) {
    ByteBuffer b = ByteBuffer.allocate(8 + 25);
    b.put(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'});
    b.putInt(13).put(new byte[] {'I', 'H', 'D', 'R'}).putInt(width).putInt(height)
        .put(new byte[] {8, 2, 0, 0, 0});
    CRC32 crc = new CRC32();
    crc.update(b.array(), 12, 17);
    b.putInt((int) crc.getValue());
    return b.array();
  }
}
