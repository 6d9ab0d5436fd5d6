package io.vidgan.data;

import io.vidgan.cli.Command;
import io.vidgan.cli.FileTrees;
import io.vidgan.cli.Flag;
import io.vidgan.cli.FlagSet;
import io.vidgan.cli.Flags;
import io.vidgan.data.io.ImageCodec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code bin/bench data}: throughput of the input pipeline on this machine. Renders the built-in
 * dataset, converts it to JPEG TFRecords in a temporary directory (or reads {@code --data}), then
 * times {@code lres} clip and {@code sres} window-pair streams: frames decoded, resized, reduced
 * and batched per second, after one warm-up batch.
 */
public final class PipelineBench extends Command {
  private static final Flag<String> DATA = Flag.text("data", "SPEC", "dataset to stream; "
      + "'tfrecord' converts a builtin set to JPEG TFRecords first").withDefault("tfrecord");
  private static final Flag<Integer> VIDEOS = Flag.integer("videos", "N", "videos of the "
      + "converted builtin set").atLeast(1).withDefault(64);
  private static final Flag<Integer> SIZE = Flag.integer("size", "S", "resolution of the "
      + "converted builtin set and of the sres windows").atLeast(16).withDefault(128);
  private static final Flag<Integer> BATCH = Flag.integer("batch", "B", "examples per batch")
      .atLeast(1).withDefault(8);
  private static final Flag<Integer> BATCHES = Flag.integer("batches", "N",
      "timed batches per stream").atLeast(1).withDefault(30);
  private static final Flag<Integer> THREADS = Flag.integer("threads", "N", "prefetch threads; "
      + "0 means the default").atLeast(0).withDefault(0);
  public static void main(String[] args) {
    Command.main(new PipelineBench(), args);
  }

  @Override
  protected String name() {
    return "bench data";
  }

  @Override
  protected String summary() {
    return "Measures input-pipeline throughput: builtin rendering, TFRecord conversion, and "
        + "training streams (frames decoded and batched per second).";
  }

  @Override
  protected void declare(FlagSet flags) {
    flags.add(DATA, VIDEOS, SIZE, BATCH, BATCHES, THREADS);
  }

  @Override
  protected void run(Flags flags) throws Exception {
    int size = flags.get(SIZE);
    int batch = flags.get(BATCH);
    int batches = flags.get(BATCHES);
    int threads = flags.get(THREADS);
    Prefetch prefetch = threads == 0 ? Prefetch.defaults() : new Prefetch(threads, 2 * threads);
    System.out.printf(Locale.ROOT, "cores: %d, prefetch threads: %d, depth: %d%n",
        Runtime.getRuntime().availableProcessors(), prefetch.threads(), prefetch.depth());
    String builtin = String.format(Locale.ROOT, "builtin:videos=%d,frames=64,height=%d,width=%d",
        flags.get(VIDEOS), size, size);
    render(builtin);
    String spec = flags.get(DATA);
    Path temporary = null;
    try {
      if (spec.equals("tfrecord")) {
        temporary = Files.createTempDirectory("vidgan-bench");
        spec = convert(builtin, temporary);
      }
      try (VideoDataset data = Datasets.open(spec, false)) {
        System.out.println("streaming " + data.description());
        ClipSpec clips = ClipSpec.of(16, 2, size / 2, size / 2).withBase(size, size,
            Downsampling.AREA);
        time(clips.toString(), TrainingData.clips(data, clips, ReplicaStream.whole(batch, 1),
            prefetch),
            batches, batch * 16);
        WindowPairSpec pairs = WindowPairSpec.of(8, 1, size, size, 2, 2, Downsampling.AREA);
        time(pairs.toString(), TrainingData.windowPairs(data, pairs,
            ReplicaStream.whole(batch, 1), prefetch), batches, batch * 8);
      }
    } finally {
      if (temporary != null) {
        FileTrees.delete(temporary);
      }
    }
  }

  private static void render(String spec) throws IOException {
    try (VideoDataset data = Datasets.open(spec, false)) {
      for (int v = 0; v < 4; v++) {
        data.read(v, 0, 16, 1);
      }
      long start = System.nanoTime();
      int frames = 0;
      for (int v = 4; v < 12; v++) {
        frames += data.read(v, 0, 16, 1).count();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "builtin render (1 thread, %dx%d): %.0f frames/s%n",
          data.info(0).height(), data.info(0).width(), frames / seconds);
    }
  }

  private static String convert(String builtin, Path out) throws IOException {
    try (VideoDataset data = Datasets.open(builtin, false)) {
      TfRecordConversion.Summary summary = TfRecordConversion.run(data,
          new TfRecordConversion.Settings(out, 8, Runtime.getRuntime().availableProcessors(), 0,
              0, ImageCodec.Format.JPEG, 0.95f), n -> { });
      System.out.println("converted " + data.description() + " to JPEG TFRecords: " + summary);
    }
    return out.toString();
  }

  private static void time(String what, BatchStream stream, int batches, int framesPerBatch)
      throws IOException {
    try (stream) {
      stream.next();
      long start = System.nanoTime();
      for (int i = 0; i < batches; i++) {
        stream.next();
      }
      double seconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(Locale.ROOT, "%s: %.0f frames/s decoded and batched (%.1f batches/s)%n",
          what, batches * framesPerBatch / seconds, batches / seconds);
    }
  }
}
