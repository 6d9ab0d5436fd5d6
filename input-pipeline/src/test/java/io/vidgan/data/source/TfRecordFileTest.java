package io.vidgan.data.source;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.data.BadInputs;
import io.vidgan.data.DatasetException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TFOutOfRangeException;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.types.TString;
import org.tensorflow.types.family.TType;

class TfRecordFileTest {
  private static final List<byte[]> RECORDS = List.of("first".getBytes(UTF_8), new byte[0],
      "third record, a little longer".getBytes(UTF_8));

  @TempDir
  Path dir;

  @Test
  void recordsRoundTrip() throws Exception {
    Path file = write("a.tfrecord");
    List<TfRecordFile.Record> index = TfRecordFile.scan(file, new BadInputs(false));
    assertEquals(3, index.size());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(RECORDS.get(i), TfRecordFile.read(index.get(i)));
    }
  }

  @Test
  void tensorFlowReadsOurRecordsWithItsCrcChecks() throws Exception {
    Path file = write("ours.tfrecord");
    List<byte[]> read = new ArrayList<>();
    try (Graph g = new Graph(); Session session = new Session(g)) {
      Ops tf = Ops.create(g);
      Operand<? extends TType> dataset = tf.scope().opBuilder("TFRecordDataset", "records")
          .addInput(tf.constant(UTF_8, new String[] {file.toString()}).asOutput())
          .addInput(tf.constant("").asOutput()).addInput(tf.constant(0L).asOutput())
          .build().output(0);
      var it = tf.data.iterator("it", "", List.of(TString.class), List.of(Shape.scalar()));
      session.run(tf.data.makeIterator(dataset, it.handle()));
      var next = tf.data.iteratorGetNext(it.handle(), List.of(TString.class),
          List.of(Shape.scalar()));
      while (true) {
        try (Tensor t = session.runner().fetch(next.components().get(0)).run().get(0)) {
          read.add(((TString) t).asBytes().getObject());
        } catch (TFOutOfRangeException end) {
          break;
        }
      }
    }
    assertEquals(RECORDS.size(), read.size());
    for (int i = 0; i < RECORDS.size(); i++) {
      assertArrayEquals(RECORDS.get(i), read.get(i));
    }
  }

  @Test
  void weReadRecordsWrittenByTensorFlow() throws Exception {
    Path file = dir.resolve("theirs.tfrecord");
    try (Graph g = new Graph(); Session session = new Session(g);
        TString values = TString.tensorOfBytes(NdArrays.vectorOfObjects(
            RECORDS.toArray(new byte[0][])))) {
      Ops tf = Ops.create(g);
      var slices = tf.data.tensorSliceDataset(List.of(tf.constant(values)),
          List.of(Shape.scalar()));
      session.run(tf.data.datasetToTfRecord(slices, tf.constant(file.toString()),
          tf.constant("")));
    }
    List<TfRecordFile.Record> index = TfRecordFile.scan(file, new BadInputs(false));
    assertEquals(RECORDS.size(), index.size());
    for (int i = 0; i < RECORDS.size(); i++) {
      assertArrayEquals(RECORDS.get(i), TfRecordFile.read(index.get(i)));
    }
  }

  @Test
  void truncatedRecordIsAnErrorNamingFileAndRecord() throws Exception {
    Path file = write("cut.tfrecord");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
    DatasetException e = assertThrows(DatasetException.class,
        () -> TfRecordFile.scan(file, new BadInputs(false)));
    assertTrue(e.getMessage().contains("cut.tfrecord: record #2") && e.getMessage()
        .contains("truncated"), e.getMessage());
  }

  @Test
  void truncatedRecordWhenSkippingKeepsTheRecordsBeforeIt() throws Exception {
    Path file = write("cut.tfrecord");
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 5));
    BadInputs bad = new BadInputs(true);
    List<TfRecordFile.Record> index = TfRecordFile.scan(file, bad);
    assertEquals(2, index.size());
    assertEquals(1, bad.count());
    assertTrue(bad.problems().get(0).contains("record #2"));
  }

  @Test
  void corruptLengthIsAnError() throws Exception {
    Path file = write("length.tfrecord");
    byte[] bytes = Files.readAllBytes(file);
    bytes[0] ^= 1;
    Files.write(file, bytes);
    DatasetException e = assertThrows(DatasetException.class,
        () -> TfRecordFile.scan(file, new BadInputs(false)));
    assertTrue(e.getMessage().contains("corrupt length field"), e.getMessage());
  }

  @Test
  void badDataCrcIsAnErrorOnRead() throws Exception {
    Path file = write("crc.tfrecord");
    byte[] bytes = Files.readAllBytes(file);
    bytes[TfRecordFile.HEADER_BYTES + 1] ^= 0x40;
    Files.write(file, bytes);
    List<TfRecordFile.Record> index = TfRecordFile.scan(file, new BadInputs(false));
    DatasetException e = assertThrows(DatasetException.class,
        () -> TfRecordFile.read(index.get(0)));
    assertTrue(e.getMessage().startsWith(file + ": record #0 at byte 0: data CRC mismatch"),
        e.getMessage());
    assertArrayEquals(RECORDS.get(2), TfRecordFile.read(index.get(2)));
  }

  private Path write(String name) throws Exception {
    Path file = dir.resolve(name);
    try (TfRecordWriter w = new TfRecordWriter(file)) {
      for (byte[] r : RECORDS) {
        w.write(r);
      }
    }
    return file;
  }
}
