package io.vidgan.data.source;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import io.vidgan.data.DatasetException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import org.tensorflow.proto.BytesList;
import org.tensorflow.proto.Feature;
import org.tensorflow.proto.FeatureList;
import org.tensorflow.proto.FeatureLists;
import org.tensorflow.proto.Features;
import org.tensorflow.proto.Int64List;
import org.tensorflow.proto.SequenceExample;

/**
 * One video as a {@code tf.train.SequenceExample}, the TF convention for video: the context
 * holds {@code video/id}, {@code label}, {@code image/height}, {@code image/width} and {@code
 * image/format}; the feature list {@code image/encoded} holds one encoded frame per step.
 *
 * <p>Reading also accepts other common layouts: frames under the feature list {@code frames}, or
 * a {@code tf.train.Example} whose bytes feature {@code image/encoded} (or {@code frames}) lists
 * the frames; the label under {@code label}, {@code clip/label/index} or {@code video/label}; the
 * id under {@code video/id} or {@code clip/media_id}. An {@code Example} is parsed as a {@code
 * SequenceExample} on purpose: both put their features in field 1, so the Example's features
 * arrive as the context.
 */
public final class SequenceExamples {
  /** Feature list (or Example feature) holding the encoded frames, as written. */
  public static final String FRAMES = "image/encoded";

  private static final List<String> FRAME_KEYS = List.of(FRAMES, "frames");
  private static final List<String> LABEL_KEYS = List.of("label", "clip/label/index",
      "video/label");
  private static final List<String> ID_KEYS = List.of("video/id", "clip/media_id");

  private SequenceExamples() {}

  /**
   * Serializes one video.
   *
   * @param label class id, or -1 to leave it out
   * @param format {@code png} or {@code jpeg}, recorded as {@code image/format}
   */
  public static byte[] encode(String id, int label, int height, int width, String format,
      List<byte[]> frames) {
    Features.Builder context = Features.newBuilder()
        .putFeature("video/id", bytes(ByteString.copyFromUtf8(id)))
        .putFeature("image/height", int64(height))
        .putFeature("image/width", int64(width))
        .putFeature("image/format", bytes(ByteString.copyFromUtf8(format)));
    if (label >= 0) {
      context.putFeature("label", int64(label));
    }
    FeatureList.Builder list = FeatureList.newBuilder();
    for (byte[] frame : frames) {
      list.addFeature(bytes(ByteString.copyFrom(frame)));
    }
    return SequenceExample.newBuilder()
        .setContext(context)
        .setFeatureLists(FeatureLists.newBuilder().putFeatureList(FRAMES, list.build()))
        .build().toByteArray();
  }

  /**
   * Parses one record into a video whose frames are still encoded.
   *
   * @param where names the record; the video's id adds the record's {@code video/id}, if any
   * @throws DatasetException if the record is not a SequenceExample/Example with frames
   */
  public static EncodedVideo decode(byte[] record, String where) throws DatasetException {
    SequenceExample example;
    try {
      example = SequenceExample.parseFrom(record);
    } catch (InvalidProtocolBufferException e) {
      throw new DatasetException(where, "not a tf.train.SequenceExample or Example ("
          + e.getMessage() + ")", e);
    }
    Map<String, Feature> context = example.getContext().getFeatureMap();
    List<ByteString> frames = frames(example, where);
    String id = first(context, ID_KEYS, f -> f.getBytesList().getValueCount() > 0)
        .map(f -> where + " (" + f.getBytesList().getValue(0).toStringUtf8() + ")").orElse(where);
    int label = first(context, LABEL_KEYS, f -> f.getInt64List().getValueCount() > 0)
        .map(f -> (int) f.getInt64List().getValue(0)).orElse(-1);
    List<String> names = IntStream.range(0, frames.size())
        .mapToObj(i -> id + " frame " + i).toList();
    return new EncodedVideo(id, label, names, i -> frames.get(i).toByteArray());
  }

  private static List<ByteString> frames(SequenceExample example, String where)
      throws DatasetException {
    Map<String, FeatureList> lists = example.getFeatureLists().getFeatureListMap();
    for (String key : FRAME_KEYS) {
      FeatureList list = lists.get(key);
      if (list != null) {
        List<ByteString> frames = new ArrayList<>(list.getFeatureCount());
        for (Feature f : list.getFeatureList()) {
          if (f.getBytesList().getValueCount() != 1) {
            throw new DatasetException(where, "feature list '" + key + "' step " + frames.size()
                + " has " + f.getBytesList().getValueCount() + " values, expected one frame");
          }
          frames.add(f.getBytesList().getValue(0));
        }
        return frames;
      }
      Feature feature = example.getContext().getFeatureMap().get(key);
      if (feature != null && feature.hasBytesList()) {
        return feature.getBytesList().getValueList();
      }
    }
    throw new DatasetException(where, "no frames: expected a feature list or bytes feature named "
        + String.join(" or ", FRAME_KEYS));
  }

  /** The first feature under {@code keys} that holds the expected kind of value. */
  private static Optional<Feature> first(Map<String, Feature> context, List<String> keys,
      Predicate<Feature> usable) {
    return keys.stream().map(context::get).filter(f -> f != null && usable.test(f)).findFirst();
  }

  private static Feature bytes(ByteString value) {
    return Feature.newBuilder().setBytesList(BytesList.newBuilder().addValue(value)).build();
  }

  private static Feature int64(long value) {
    return Feature.newBuilder().setInt64List(Int64List.newBuilder().addValue(value)).build();
  }
}
