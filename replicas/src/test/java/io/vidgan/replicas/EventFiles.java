package io.vidgan.replicas;

import io.vidgan.data.BadInputs;
import io.vidgan.data.source.TfRecordFile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.tensorflow.proto.Event;
import org.tensorflow.proto.Summary;

/** Reads back the summaries of a run directory's TensorBoard event files, for tests. */
final class EventFiles {
  /** One summary value and the step it was written at. */
  record Tagged(long step, Summary.Value value) {}

  private EventFiles() {}

  /** Every summary value tagged {@code tag} in {@code dir}'s {@code events.out.tfevents.*}. */
  static List<Tagged> read(Path dir, String tag) throws IOException {
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
