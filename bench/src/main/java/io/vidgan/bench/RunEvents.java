package io.vidgan.bench;

import static com.google.common.base.Preconditions.checkArgument;

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

/** The scalars of a run directory's TensorBoard event files, as {@code bin/train} wrote them. */
final class RunEvents {
  /** One scalar: its step, tag, value and the wall-clock second it was written. */
  record Scalar(long step, String tag, float value, double wallTime) {}

  private RunEvents() {}

  /** Every scalar in {@code runDir}'s {@code events.out.tfevents.*} files with tag {@code tag}. */
  static List<Scalar> read(Path runDir, String tag) throws IOException {
    List<Path> files;
    try (Stream<Path> list = Files.list(runDir)) {
      files = list.filter(p -> p.getFileName().toString().startsWith("events.out.tfevents"))
          .sorted().toList();
    }
    List<Scalar> out = new ArrayList<>();
    for (Path file : files) {
      for (TfRecordFile.Record record : TfRecordFile.scan(file, new BadInputs(false))) {
        Event e = Event.parseFrom(TfRecordFile.read(record));
        for (Summary.Value v : e.getSummary().getValueList()) {
          if (v.getTag().equals(tag)) {
            out.add(new Scalar(e.getStep(), tag, scalar(v), e.getWallTime()));
          }
        }
      }
    }
    return out;
  }

  /**
   * Wall-clock seconds per iteration between the first and last of {@code perIteration}, scalars
   * written once per iteration: iterations 2..n, the first (warm-up) left out.
   */
  static double secondsPerIteration(List<Scalar> perIteration) {
    checkArgument(perIteration.size() >= 2, "expected a scalar per iteration, got %s",
        perIteration.size());
    Scalar first = perIteration.get(0);
    Scalar last = perIteration.get(perIteration.size() - 1);
    return (last.wallTime() - first.wallTime()) / (last.step() - first.step());
  }

  /** A scalar summary's value: a simple value, or a scalar float tensor (TF 2 summary ops). */
  private static float scalar(Summary.Value v) {
    return v.hasSimpleValue() ? v.getSimpleValue() : v.getTensor().getFloatVal(0);
  }
}
