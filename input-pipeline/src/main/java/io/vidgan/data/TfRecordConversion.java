package io.vidgan.data;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.data.io.ImageCodec;
import io.vidgan.data.source.SequenceExamples;
import io.vidgan.data.source.TfRecordDataset;
import io.vidgan.data.source.TfRecordWriter;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntConsumer;

/**
 * Converts any dataset into TFRecord shards of {@code tf.train.SequenceExample} ({@link
 * SequenceExamples}), one task per shard on a thread pool: video {@code i} goes to shard {@code i
 * mod shards}, in order, so the output is the same whatever the threads do. Frames stream through
 * one at a time (optionally resized to cover {@code height x width} and centre-cropped), so memory
 * holds one video's encoded frames per thread. Shards are written to temporary files and moved
 * into place only when every shard is done; on a failure the other shards stop at their next
 * video and nothing is left behind. Finally the output is read back and every record's CRC
 * checked.
 */
public final class TfRecordConversion {
  /**
   * What to write.
   *
   * @param height frame height, or 0 to keep each video's size (then width must be 0 too)
   * @param quality JPEG quality in (0, 1]
   */
  public record Settings(Path out, int shards, int threads, int height, int width,
      ImageCodec.Format format, float quality) {
    public Settings {
      checkArgument(shards >= 1, "shards must be >= 1, got %s", shards);
      checkArgument(threads >= 1, "threads must be >= 1, got %s", threads);
      checkArgument(height >= 0 && width >= 0 && (height == 0) == (width == 0),
          "height and width must both be positive or both 0 (keep size), got %sx%s", height,
          width);
    }
  }

  /** What was written. */
  public record Summary(int videos, long frames, long bytes, int shards, int skipped,
      List<String> problems, double seconds) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%d videos, %d frames, %.1f MB in %d shards, %d skipped, "
          + "%.1f s (%.0f frames/s)", videos, frames, bytes / 1e6, shards, skipped, seconds,
          frames / Math.max(seconds, 1e-9));
    }
  }

  private final VideoDataset source;
  private final Settings settings;
  private final AtomicInteger videos = new AtomicInteger();
  private final AtomicLong frames = new AtomicLong();
  private final AtomicLong bytes = new AtomicLong();
  private final AtomicBoolean stopped = new AtomicBoolean();

  private TfRecordConversion(VideoDataset source, Settings settings) {
    this.source = source;
    this.settings = settings;
  }

  /**
   * Converts {@code source}; bad videos fail the conversion or, when {@code source} skips bad
   * inputs, are counted and left out.
   *
   * @param progress called with 1 after each video (written or skipped)
   */
  public static Summary run(VideoDataset source, Settings settings, IntConsumer progress)
      throws IOException {
    return new TfRecordConversion(source, settings).run(progress);
  }

  private Summary run(IntConsumer progress) throws IOException {
    long start = System.nanoTime();
    Files.createDirectories(settings.out());
    int shards = Math.min(settings.shards(), source.size());
    List<Path> temporary = new ArrayList<>();
    for (int s = 0; s < shards; s++) {
      temporary.add(settings.out().resolve(name(s, shards) + ".tmp"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(Math.min(settings.threads(), shards));
    try {
      CompletionService<Void> done = new ExecutorCompletionService<>(pool);
      for (int s = 0; s < shards; s++) {
        int shard = s;
        done.submit(() -> {
          writeShard(shard, shards, temporary.get(shard), progress);
          return null;
        });
      }
      for (int s = 0; s < shards; s++) {
        await(done);
      }
      for (int s = 0; s < shards; s++) {
        Files.move(temporary.get(s), settings.out().resolve(name(s, shards)),
            StandardCopyOption.ATOMIC_MOVE);
      }
    } finally {
      stopped.set(true);
      pool.shutdown();
      awaitTermination(pool);
      for (Path t : temporary) {
        Files.deleteIfExists(t);
      }
    }
    verify(shards);
    BadInputs bad = source.badInputs();
    return new Summary(videos.get(), frames.get(), bytes.get(), shards, bad.count(),
        bad.problems(), (System.nanoTime() - start) / 1e9);
  }

  /** {@code shard-00003-of-00016.tfrecord}. */
  static String name(int shard, int shards) {
    return String.format(Locale.ROOT, "shard-%05d-of-%05d.tfrecord", shard, shards);
  }

  private void writeShard(int shard, int shards, Path file, IntConsumer progress)
      throws IOException {
    try (TfRecordWriter writer = new TfRecordWriter(file)) {
      for (int v = shard; v < source.size() && !stopped.get(); v += shards) {
        try {
          writer.write(record(v));
          videos.incrementAndGet();
        } catch (DatasetException e) {
          source.badInputs().handle(e);
        }
        progress.accept(1);
      }
      bytes.addAndGet(writer.bytes());
    }
  }

  /** Video {@code v} as a serialized SequenceExample. */
  private byte[] record(int v) throws IOException {
    List<byte[]> encoded = new ArrayList<>();
    int[] size = new int[2];
    VideoInfo info = source.forEachFrame(v, frame -> {
      Frames out = settings.height() == 0 ? frame : resize(frame);
      size[0] = out.height();
      size[1] = out.width();
      encoded.add(ImageCodec.encode(out, 0, settings.format(), settings.quality()));
    });
    frames.addAndGet(encoded.size());
    return SequenceExamples.encode(info.id(), info.label(), size[0], size[1],
        settings.format().name().toLowerCase(Locale.ROOT), encoded);
  }

  private Frames resize(Frames frame) {
    float[] pixels = CoverResize.apply(frame, settings.height(), settings.width(), 0.5, 0.5);
    byte[] rgb = new byte[pixels.length];
    for (int i = 0; i < rgb.length; i++) {
      rgb[i] = (byte) Math.max(0, Math.min(255, Math.round(pixels[i])));
    }
    return new Frames(1, settings.height(), settings.width(), rgb);
  }

  /** Reads the output back: every record's framing and CRC, and the count. */
  private void verify(int shards) throws IOException {
    List<Path> files = new ArrayList<>();
    for (int s = 0; s < shards; s++) {
      files.add(settings.out().resolve(name(s, shards)));
    }
    if (videos.get() == 0) {
      return;
    }
    try (TfRecordDataset written = new TfRecordDataset(files, new BadInputs(false))) {
      if (written.size() != videos.get()) {
        throw new IOException("wrote " + videos.get() + " videos but " + settings.out()
            + " holds " + written.size() + " records");
      }
      for (int i = 0; i < written.size(); i++) {
        written.info(i);
      }
    }
  }

  /** Waits for the next shard to finish; rethrows its failure. */
  private static void await(CompletionService<Void> done) throws IOException {
    try {
      done.take().get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while converting");
    } catch (ExecutionException e) {
      if (e.getCause() instanceof IOException io) {
        throw io;
      }
      throw new IllegalStateException("conversion failed: " + e.getCause(), e.getCause());
    }
  }

  /** Waits until every shard task has stopped (they stop at their next video once told to). */
  private static void awaitTermination(ExecutorService pool) {
    boolean interrupted = false;
    while (true) {
      try {
        if (pool.awaitTermination(1, TimeUnit.SECONDS)) {
          break;
        }
      } catch (InterruptedException e) {
        interrupted = true;
      }
    }
    if (interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
