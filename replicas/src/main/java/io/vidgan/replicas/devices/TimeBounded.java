package io.vidgan.replicas.devices;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * Waits a bounded time for a call that TensorFlow's distributed runtime may block forever: a
 * master's {@code CreateSession} waits without a deadline for every worker task it lists (TF's
 * {@code master.cc}, {@code DeviceFinder::Wait}), and closing a session waits for a task that
 * died. The call runs on a daemon thread; one still blocked when the time is up is abandoned to
 * finish, or not, on its own (the process exits soon after, as TF servers cannot stop).
 */
public final class TimeBounded {
  private TimeBounded() {}

  /**
   * The result of {@code call}, or empty if it did not return within {@code millis}; what it
   * throws is rethrown.
   *
   * @param name the thread's name, for thread dumps of a stuck process
   */
  public static <T> Optional<T> call(String name, long millis, Supplier<T> call) {
    CompletableFuture<T> result = new CompletableFuture<>();
    Thread thread = new Thread(() -> {
      try {
        result.complete(call.get());
      } catch (Throwable e) {
        result.completeExceptionally(e);
      }
    }, name);
    thread.setDaemon(true);
    thread.start();
    try {
      return Optional.of(result.get(Math.max(0, millis), TimeUnit.MILLISECONDS));
    } catch (TimeoutException e) {
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) {
        throw r;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }
}
