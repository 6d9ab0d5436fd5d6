package io.vidgan.data.source;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes records in TFRecord framing (see {@link TfRecordFile}), readable by TensorFlow. A failed
 * write (a full disk) is an error naming the file.
 */
public final class TfRecordWriter implements AutoCloseable {
  private final Path file;
  private final OutputStream out;
  private long bytes;

  public TfRecordWriter(Path file) throws IOException {
    this.file = file;
    this.out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 20);
  }

  /** Appends one record. */
  public void write(byte[] data) throws IOException {
    ByteBuffer header = ByteBuffer.allocate(TfRecordFile.HEADER_BYTES)
        .order(ByteOrder.LITTLE_ENDIAN);
    header.putLong(0, data.length);
    header.putInt(8, TfRecordFile.maskedCrc(header.array(), 0, 8));
    ByteBuffer footer = ByteBuffer.allocate(TfRecordFile.FOOTER_BYTES)
        .order(ByteOrder.LITTLE_ENDIAN);
    footer.putInt(0, TfRecordFile.maskedCrc(data, 0, data.length));
    try {
      out.write(header.array());
      out.write(data);
      out.write(footer.array());
    } catch (IOException e) {
      throw failed(e);
    }
    bytes += TfRecordFile.HEADER_BYTES + data.length + TfRecordFile.FOOTER_BYTES;
  }

  /** Bytes written so far. */
  public long bytes() {
    return bytes;
  }

  @Override
  public void close() throws IOException {
    try {
      out.close();
    } catch (IOException e) {
      throw failed(e);
    }
  }

  private IOException failed(IOException e) {
    return new IOException(file + ": cannot write (" + e.getMessage() + ")", e);
  }
}
