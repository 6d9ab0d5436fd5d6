package io.vidgan.replicas.devices;

import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetConfig;
import static org.tensorflow.internal.c_api.global.tensorflow.TF_SetTarget;

import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.PointerScope;
import org.tensorflow.Graph;
import org.tensorflow.Session;
import org.tensorflow.internal.c_api.TF_Graph;
import org.tensorflow.internal.c_api.TF_Session;
import org.tensorflow.internal.c_api.TF_SessionOptions;
import org.tensorflow.internal.c_api.TF_Status;
import org.tensorflow.proto.ConfigProto;

/**
 * Opens a {@link Session} against a TensorFlow target such as {@code grpc://host:port}, so that
 * the graph runs on a cluster's servers instead of in this process.
 *
 * <p>TF Java 1.1.0's public {@code Session} constructors take no target. This class creates the
 * native session with TF's C API ({@code TF_SetTarget}, then {@code TF_NewSession}) and wraps it with
 * {@code Session}'s package-private {@code Session(Graph, TF_Session)} constructor, reached by
 * reflection. Such a session does not run initializers on its own: call {@link
 * Session#initialize()} (or restore a checkpoint) before training.
 */
public final class ClusterSession {
  /** How long closing a cluster session may take ({@link #closeWithin}). */
  public static final int CLOSE_SECONDS = 5;

  private ClusterSession() {}

  /**
   * @param target e.g. {@code grpc://localhost:2222}
   * @param config session options (timeouts, graph options); device counts and thread pools of a
   *     cluster come from each server's own config
   */
  public static Session open(Graph graph, String target, ConfigProto config) {
    AutoCloseable ref = reference(graph);
    try (PointerScope scope = new PointerScope()) {
      TF_Status status = TF_Status.newStatus();
      TF_SessionOptions options = TF_SessionOptions.newSessionOptions();
      TF_SetTarget(options, target);
      BytePointer bytes = new BytePointer(config.toByteArray());
      TF_SetConfig(options, bytes, bytes.capacity(), status);
      status.throwExceptionIfNotOK();
      TF_Session handle = TF_Session.newSession(nativeGraph(ref), options, status);
      status.throwExceptionIfNotOK();
      handle.retainReference();
      return wrap(graph, handle);
    } finally {
      // An open reference would make Graph.close() wait forever.
      invoke(() -> {
        ref.close();
        return null;
      });
    }
  }

  /** Graph's package-private {@code Graph.Reference}, which keeps the native graph alive. */
  private static AutoCloseable reference(Graph graph) {
    return invoke(() -> {
      var method = Graph.class.getDeclaredMethod("ref");
      method.setAccessible(true);
      return (AutoCloseable) method.invoke(graph);
    });
  }

  private static TF_Graph nativeGraph(AutoCloseable ref) {
    return invoke(() -> {
      var method = ref.getClass().getDeclaredMethod("nativeHandle");
      method.setAccessible(true);
      return (TF_Graph) method.invoke(ref);
    });
  }

  private static Session wrap(Graph graph, TF_Session handle) {
    return invoke(() -> {
      Constructor<Session> c = Session.class.getDeclaredConstructor(Graph.class,
          TF_Session.class);
      c.setAccessible(true);
      return c.newInstance(graph, handle);
    });
  }

  private interface Reflective<T> {
    T call() throws Exception;
  }

  private static <T> T invoke(Reflective<T> call) {
    try {
      return call.call();
    } catch (InvocationTargetException e) {
      throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("TF Java's Session internals changed: " + e, e);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Closes a cluster session on a daemon thread, waiting at most {@link #CLOSE_SECONDS} (a healthy
   * close takes milliseconds): closing one after a task died blocks forever inside TF, waiting for
   * the dead task, and the process exits soon after anyway, as TF servers cannot stop.
   *
   * @return whether it closed, without failing, in that time
   */
  public static boolean closeWithin(Session session) {
    try {
      return TimeBounded.call("close-cluster-session", CLOSE_SECONDS * 1000L, () -> {
        session.close();
        return true;
      }).isPresent();
    } catch (RuntimeException e) {
      return false;
    }
  }

  /** A cluster session's failure message up to TF's gRPC details, on one line. */
  public static String summary(String message) {
    String s = message == null ? "" : message.split("Additional GRPC error", 2)[0];
    s = s.replaceAll("\\s+", " ").trim();
    return s.length() > 300 ? s.substring(0, 300) + "..." : s;
  }
}
