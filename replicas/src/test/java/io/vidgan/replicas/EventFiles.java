package io.vidgan.replicas;

import io.vidgan.data.BadInputs;
import io.vidgan.data.source.TfRecordFile;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/** Reads back the summaries of a run directory's TensorBoard event files, for tests. */
public final class EventFiles {
  /** One summary value and the step it was written at. */
  public record Tagged(long step, Summary.Value value) {}

  /** The frame count and size of an image summary's animated GIF, decoded. */
  public record Gif(int frames, int height, int width) {}

  private EventFiles() {}

  /** Decodes the GIF of image summary {@code value}. */
  public static Gif gif(Summary.Value value) throws IOException {
    byte[] encoded = value.getImage().getEncodedImageString().toByteArray();
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
      ImageReader reader = ImageIO.getImageReadersByFormatName("gif").next();
      reader.setInput(in);
      return new Gif(reader.getNumImages(true), reader.getHeight(0), reader.getWidth(0));
    }
  }

  /** A scalar summary's value: a simple value, or a scalar float tensor (TF 2 summary ops). */
  public static float scalar(Summary.Value value) {
    return value.hasSimpleValue() ? value.getSimpleValue() : value.getTensor().getFloatVal(0);
  }

  /** Every summary value tagged {@code tag} in {@code dir}'s {@code events.out.tfevents.*}. */
  public static List<Tagged> read(Path dir, String tag) throws IOException {
    List<Tagged> out = new ArrayList<>();
    try (Stream<Path> files = Files.list(dir)) {
      for (Path file : files.filter(p -> p.getFileName().toString()
          .startsWith("events.out.tfevents")).sorted().toList()) {
        for (TfRecordFile.Record record : TfRecordFile.scan(file, new BadInputs(false))) {
          Event e = Event.parseFrom(TfRecordFile.read(record));
          for (Summary.Value v : e.getSummary().getValueList()) {
            if (v.getTag().equals(tag)) {
              out.add(new Tagged(e.getStep(), v));
            }
          }
        }
      }
    }
    return out;
  }
}
