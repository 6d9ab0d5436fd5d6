package io.vidgan.ops.io;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;

/**
 * Reads a whole sorted string table: the LevelDB table format that TensorFlow's {@code
 * tensorflow/core/lib/io/table*} writes and that holds a checkpoint's {@code .index}.
 *
 * <p>Layout (all integers little-endian, handles are two varint64s {@code offset, size}): data
 * blocks, a meta-index block, an index block, and a 48-byte footer {@code [meta-index handle,
 * index handle, zero padding to 40 bytes, magic 0xdb4775248b80fb57]}. Each block is followed by a
 * one-byte compression type and the masked CRC32C of block and type. A block is a run of entries
 * {@code varint32 shared, varint32 unshared, varint32 valueLength, key[shared..], value}, where
 * {@code shared} bytes of the key are taken from the previous key, then {@code fixed32} restart
 * offsets and their {@code fixed32} count. The index block maps the last key of each data block to
 * that block's handle.
 *
 * <p>Only uncompressed blocks are supported: TensorFlow's {@code BundleWriter} always writes the
 * index with {@code kNoCompression}.
 */
final class SortedStringTable {
  static final long MAGIC = 0xdb4775248b80fb57L;
  static final int FOOTER_LENGTH = 48;
  private static final int TRAILER_LENGTH = 5;
  private static final int CRC_MASK_DELTA = 0xa282ead8;

  private final String file;
  private final byte[] bytes;

  private SortedStringTable(String file, byte[] bytes) {
    this.file = file;
    this.bytes = bytes;
  }

  /**
   * Every entry of the table in key order.
   *
   * @param file the file name, for error messages
   * @param bytes the file's contents
   */
  static Map<String, byte[]> read(String file, byte[] bytes) throws CheckpointException {
    return new SortedStringTable(file, bytes).entries();
  }

  private Map<String, byte[]> entries() throws CheckpointException {
    if (bytes.length < FOOTER_LENGTH) {
      throw corrupt("file of " + bytes.length + " bytes is shorter than the table footer");
    }
    ByteBuffer le = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    if (le.getLong(bytes.length - 8) != MAGIC) {
      throw corrupt("bad magic number: not a TensorFlow table file");
    }
    Cursor footer = new Cursor(bytes.length - FOOTER_LENGTH, bytes.length - 8);
    footer.handle(); // meta-index: unused by checkpoints
    long[] index = footer.handle();
    Map<String, byte[]> out = new LinkedHashMap<>();
    for (byte[] handle : block(index).values()) {
      Cursor c = new Cursor(0, handle.length, handle);
      out.putAll(block(c.handle()));
    }
    return out;
  }

  /** The entries of the block at {@code handle = {offset, size}}, after checking its trailer. */
  private Map<String, byte[]> block(long[] handle) throws CheckpointException {
    long offset = handle[0];
    long size = handle[1];
    if (offset < 0 || size < 4 || offset + size + TRAILER_LENGTH > bytes.length) {
      throw corrupt("block [" + offset + ", +" + size + "] lies outside the file");
    }
    int start = (int) offset;
    int end = (int) (offset + size);
    if (bytes[end] != 0) {
      throw corrupt("block at " + offset + " is compressed (type " + bytes[end]
          + "); only uncompressed tables are supported");
    }
    CRC32C crc = new CRC32C();
    crc.update(bytes, start, (int) size + 1);
    int stored = ByteBuffer.wrap(bytes, end + 1, 4).order(ByteOrder.LITTLE_ENDIAN).getInt();
    int unmasked = Integer.rotateLeft(stored - CRC_MASK_DELTA, 15);
    if (unmasked != (int) crc.getValue()) {
      throw corrupt("checksum mismatch in block at " + offset);
    }
    int restarts = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).getInt(end - 4);
    long limit = (long) end - 4 - 4L * restarts;
    if (restarts < 0 || limit < start) {
      throw corrupt("bad restart count " + restarts + " in block at " + offset);
    }
    Map<String, byte[]> entries = new LinkedHashMap<>();
    Cursor c = new Cursor(start, (int) limit);
    byte[] key = new byte[0];
    while (c.hasMore()) {
      int shared = (int) c.varint();
      int unshared = (int) c.varint();
      int valueLength = (int) c.varint();
      if (shared > key.length) {
        throw corrupt("entry shares " + shared + " bytes of a " + key.length + "-byte key");
      }
      byte[] next = Arrays.copyOf(key, shared + unshared);
      System.arraycopy(c.take(unshared), 0, next, shared, unshared);
      key = next;
      entries.put(new String(key, StandardCharsets.UTF_8), c.take(valueLength));
    }
    return entries;
  }

  private CheckpointException corrupt(String problem) {
    return new CheckpointException(file + ": corrupt index: " + problem);
  }

  /** Reads varints and byte runs from {@code [position, limit)} of a byte array. */
  private final class Cursor {
    private final byte[] data;
    private final int limit;
    private int position;

    Cursor(int position, int limit) {
      this(position, limit, bytes);
    }

    Cursor(int position, int limit, byte[] data) {
      this.data = data;
      this.position = position;
      this.limit = limit;
    }

    boolean hasMore() {
      return position < limit;
    }

    long varint() throws CheckpointException {
      long value = 0;
      for (int shift = 0; shift < 64; shift += 7) {
        if (position >= limit) {
          throw corrupt("truncated varint");
        }
        byte b = data[position++];
        value |= (long) (b & 0x7f) << shift;
        if (b >= 0) {
          return value;
        }
      }
      throw corrupt("varint longer than 10 bytes");
    }

    long[] handle() throws CheckpointException {
      return new long[] {varint(), varint()};
    }

    byte[] take(int n) throws CheckpointException {
      if (n < 0 || n > limit - position) {
        throw corrupt("entry of " + n + " bytes overruns its block");
      }
      byte[] out = Arrays.copyOfRange(data, position, position + n);
      position += n;
      return out;
    }
  }
}
