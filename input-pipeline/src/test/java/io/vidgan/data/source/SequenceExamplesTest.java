package io.vidgan.data.source;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.protobuf.ByteString;
import io.vidgan.data.DatasetException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Example;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.Int64List;
import org.tensorflow.proto.SequenceExample;

class SequenceExamplesTest {
  private static final List<byte[]> FRAMES = List.of(new byte[] {1, 2}, new byte[] {3},
      new byte[] {4, 5, 6});

  @Test
  void writtenVideosReadBack() throws Exception {
    byte[] record = SequenceExamples.encode("clip_7", 3, 48, 64, "png", FRAMES);
    EncodedVideo video = SequenceExamples.decode(record, "s.tfrecord: record #0");
    assertEquals("s.tfrecord: record #0 (clip_7)", video.id());
    assertEquals(3, video.label());
    assertEquals(3, video.frames());
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(FRAMES.get(i), video.loader().load(i));
    }
    SequenceExample parsed = SequenceExample.parseFrom(record);
    assertEquals(48, parsed.getContext().getFeatureMap().get("image/height").getInt64List()
        .getValue(0));
  }

  @Test
  void unlabelledVideosHaveLabelMinusOne() throws Exception {
    byte[] record = SequenceExamples.encode("x", -1, 1, 1, "png", FRAMES);
    assertEquals(-1, SequenceExamples.decode(record, "r").label());
  }

  @Test
  void examplesWithAFramesListAreReadToo() throws Exception {
    BytesList.Builder frames = BytesList.newBuilder();
    FRAMES.forEach(f -> frames.addValue(ByteString.copyFrom(f)));
    byte[] record = Example.newBuilder().setFeatures(Features.newBuilder()
        .putFeature("frames", Feature.newBuilder().setBytesList(frames).build())
        .putFeature("clip/label/index", Feature.newBuilder()
            .setInt64List(Int64List.newBuilder().addValue(9)).build()))
        .build().toByteArray();
    EncodedVideo video = SequenceExamples.decode(record, "r");
    assertEquals(9, video.label());
    assertEquals(3, video.frames());
    assertArrayEquals(FRAMES.get(2), video.loader().load(2));
  }

  @Test
  void idsAndLabelsOfTheWrongKindAreIgnored() throws Exception {
    BytesList.Builder frames = BytesList.newBuilder().addValue(ByteString.copyFrom(FRAMES.get(0)));
    byte[] record = Example.newBuilder().setFeatures(Features.newBuilder()
        .putFeature("frames", Feature.newBuilder().setBytesList(frames).build())
        .putFeature("video/id", Feature.newBuilder()
            .setInt64List(Int64List.newBuilder().addValue(5)).build())
        .putFeature("label", Feature.newBuilder().setBytesList(BytesList.newBuilder()
            .addValue(ByteString.copyFromUtf8("cat"))).build()))
        .build().toByteArray();
    EncodedVideo video = SequenceExamples.decode(record, "r");
    assertEquals("r", video.id());
    assertEquals(-1, video.label());
  }

  @Test
  void recordsWithoutFramesAreErrors() {
    byte[] record = Example.newBuilder().build().toByteArray();
    DatasetException e = assertThrows(DatasetException.class,
        () -> SequenceExamples.decode(record, "f.tfrecord: record #4"));
    assertTrue(e.getMessage().startsWith("f.tfrecord: record #4: no frames"), e.getMessage());
  }

  @Test
  void garbageIsAnError() {
    byte[] garbage = {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x0f, 0x12};
    assertThrows(DatasetException.class, () -> SequenceExamples.decode(garbage, "r"));
  }
}
