package io.vidgan.data;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A replica's endless stream of batches, built ahead on background threads ({@link Prefetch}).
 * Batch {@code i} is a pure function of {@code i} (and the stream's dataset, spec, seed and
 * replica), so the order is the same whatever the threads do, and a stream started at position
 * {@code p} hands out exactly the batches a fresh stream hands out from its {@code p}-th on:
 * resuming a run means passing the saved {@link #position()}.
 *
 * <p>Not thread-safe: one consumer calls {@link #next()}.
 */
public final class BatchStream implements AutoCloseable {
  /** Builds batch {@code index}. */
  @FunctionalInterface
  interface Source {
    Batch make(long index) throws IOException;
  }

  private static final AtomicInteger STREAMS = new AtomicInteger();

  private final Source source;
  private final Prefetch prefetch;
  private final ExecutorService workers;
  private final Deque<Future<Batch>> pending = new ArrayDeque<>();
  private long position;
  private long submitted;
  private boolean closed;
  private IOException failure;

  BatchStream(Source source, long start, Prefetch prefetch) {
    checkArgument(start >= 0, "start position must be >= 0, got %s", start);
    this.source = source;
    this.prefetch = prefetch;
    this.position = start;
    this.submitted = start;
    int stream = STREAMS.incrementAndGet();
    AtomicInteger thread = new AtomicInteger();
    this.workers = Executors.newFixedThreadPool(prefetch.threads(), r -> {
      Thread t = new Thread(r, "vidgan-prefetch-" + stream + "-" + thread.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    fill();
  }

  /**
   * The next batch, waiting for the background threads if it is not ready.
   *
   * @throws DatasetException for bad data that is not skipped; the stream is then unusable
   */
  public Batch next() throws IOException {
    checkState(!closed, "the batch stream is closed");
    if (failure != null) {
      throw new IOException("the batch stream failed earlier: " + failure.getMessage(), failure);
    }
    Future<Batch> head = pending.removeFirst();
    Batch batch;
    try {
      batch = head.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for batch " + position);
    } catch (ExecutionException e) {
      failure = e.getCause() instanceof IOException io ? io
          : new IOException("building batch " + position + " failed", e.getCause());
      throw failure;
    }
    position++;
    fill();
    return batch;
  }

  /** Batches handed out so far, counting from position 0 of a fresh stream. */
  public long position() {
    return position;
  }

  /** Stops the background threads; batches being built are abandoned. */
  @Override
  public void close() {
    closed = true;
    for (Future<Batch> f : pending) {
      f.cancel(true);
    }
    pending.clear();
    workers.shutdownNow();
  }

  private void fill() {
    while (pending.size() < prefetch.depth()) {
      long index = submitted++;
      pending.addLast(workers.submit(() -> source.make(index)));
    }
  }
}
