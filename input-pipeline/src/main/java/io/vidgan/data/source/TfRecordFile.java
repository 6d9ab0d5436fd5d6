package io.vidgan.data.source;

import io.vidgan.data.BadInputs;
import io.vidgan.data.DatasetException;
import io.vidgan.data.ReadLimits;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.CRC32C;

/**
 * Reads TFRecord files in pure Java. A record is framed as {@code uint64 length, uint32
 * masked_crc32c(length), byte data[length], uint32 masked_crc32c(data)}, little-endian, with
 * TensorFlow's mask {@code ((crc >>> 15) | (crc << 17)) + 0xa282ead8}
 * (tensorflow/core/lib/hash/crc32c.h). Both checksums are verified: the length's while indexing,
 * the data's on every read. A record longer than {@link ReadLimits#MAX_RECORD_BYTES} is a bad
 * input (never allocated).
 */
public final class TfRecordFile {
  /** Bytes before a record's data: length and its checksum. */
  static final int HEADER_BYTES = 12;

  /** Bytes after a record's data: its checksum. */
  static final int FOOTER_BYTES = 4;

  private static final int MASK_DELTA = 0xa282ead8;

  /** Where one record's data is. */
  public record Record(Path file, int ordinal, long offset, int length) {
    /** Names the record in error messages. */
    public String where() {
      return file + ": record #" + ordinal + " at byte " + offset;
    }
  }

  private TfRecordFile() {}

  /**
   * Finds the records of {@code file} by reading only their headers. A truncated record or a
   * corrupt length makes the rest of the file unreadable: that is a bad input, and when skipping,
   * the records before it are kept.
   */
  public static List<Record> scan(Path file, BadInputs bad) throws IOException {
    List<Record> records = new ArrayList<>();
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
      long size = channel.size();
      ByteBuffer header = ByteBuffer.allocate(HEADER_BYTES).order(ByteOrder.LITTLE_ENDIAN);
      long pos = 0;
      while (pos < size) {
        String where = file + ": record #" + records.size() + " at byte " + pos;
        if (size - pos < HEADER_BYTES) {
          bad.handle(new DatasetException(where, "truncated: " + (size - pos)
              + " bytes left, a record header needs " + HEADER_BYTES));
          break;
        }
        readFully(channel, header.clear(), pos);
        long length = header.getLong(0);
        int stored = header.getInt(8);
        int computed = maskedCrc(header.array(), 0, 8);
        if (stored != computed) {
          bad.handle(new DatasetException(where, String.format("corrupt length field (CRC "
              + "stored 0x%08x, computed 0x%08x); the rest of the file is unreadable", stored,
              computed)));
          break;
        }
        long end = pos + HEADER_BYTES + length + FOOTER_BYTES;
        if (length >= 0 && length > ReadLimits.MAX_RECORD_BYTES && end > 0 && end <= size) {
          bad.handle(new DatasetException(where, "declares " + length + " data bytes, above the "
              + "limit of " + ReadLimits.MAX_RECORD_BYTES + " for one video"));
          pos = end;
          continue;
        }
        if (length < 0 || length > Integer.MAX_VALUE - 64 || end > size) {
          bad.handle(new DatasetException(where, "truncated: the record needs " + length
              + " data bytes but the file ends " + (size - pos - HEADER_BYTES)
              + " bytes after its header"));
          break;
        }
        records.add(new Record(file, records.size(), pos, (int) length));
        pos = end;
      }
    }
    return records;
  }

  /**
   * Reads one record's data and checks its CRC.
   *
   * @throws DatasetException naming the record if the data's CRC does not match
   */
  public static byte[] read(Record record) throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(record.length() + FOOTER_BYTES)
        .order(ByteOrder.LITTLE_ENDIAN);
    try (FileChannel channel = FileChannel.open(record.file(), StandardOpenOption.READ)) {
      readFully(channel, buffer, record.offset() + HEADER_BYTES);
    } catch (EOFException e) {
      throw new DatasetException(record.where(), "truncated (the file shrank after indexing)", e);
    }
    int stored = buffer.getInt(record.length());
    int computed = maskedCrc(buffer.array(), 0, record.length());
    if (stored != computed) {
      throw new DatasetException(record.where(), String.format(
          "data CRC mismatch (stored 0x%08x, computed 0x%08x): the record is corrupt", stored,
          computed));
    }
    byte[] data = new byte[record.length()];
    System.arraycopy(buffer.array(), 0, data, 0, data.length);
    return data;
  }

  /** TensorFlow's masked CRC32C of {@code bytes[offset, offset + length)}. */
  static int maskedCrc(byte[] bytes, int offset, int length) {
    CRC32C crc = new CRC32C();
    crc.update(bytes, offset, length);
    int c = (int) crc.getValue();
    return ((c >>> 15) | (c << 17)) + MASK_DELTA;
  }

  private static void readFully(FileChannel channel, ByteBuffer buffer, long position)
      throws IOException {
    long pos = position;
    while (buffer.hasRemaining()) {
      int n = channel.read(buffer, pos);
      if (n < 0) {
        throw new EOFException("end of file at byte " + pos);
      }
      pos += n;
    }
  }
}
