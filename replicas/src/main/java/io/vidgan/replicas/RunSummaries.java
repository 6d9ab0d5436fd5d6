package io.vidgan.replicas;

import io.vidgan.ops.Scopes;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.op.summary.WriteImageSummary;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;
import org.tensorflow.types.TUint8;

/**
 * TensorBoard event files written with TF's own summary ops ({@code events.out.tfevents.*} in the
 * run directory, readable by stock TensorBoard): scalars such as {@code loss/D} and {@code
 * timing/sec_per_step}, and sample frames as image summaries. A small graph and session of its own,
 * so writing summaries never touches the training graph.
 */
final class RunSummaries implements AutoCloseable {
  private static final int MAX_QUEUE = 100;
  private static final int FLUSH_MILLIS = 10_000;

  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TInt64> step;
  private final Placeholder<TString> tag;
  private final Placeholder<TFloat32> value;
  private final Placeholder<TUint8> image;
  private final Op writeScalar;
  private final Op writeImage;
  private final Op flush;

  RunSummaries(Path logDir) {
    Ops tf = Scopes.root(graph);
    Operand<?> writer = tf.summary.summaryWriter(SummaryWriter.sharedName("vidgan_events"));
    Op create = tf.summary.createSummaryFileWriter(writer, tf.constant(logDir.toString()),
        tf.constant(MAX_QUEUE), tf.constant(FLUSH_MILLIS), tf.constant(".vidgan"));
    this.step = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    this.tag = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
    this.value = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    this.image = tf.placeholder(TUint8.class, Placeholder.shape(Shape.of(-1, -1, -1, 3)));
    this.writeScalar = tf.summary.writeScalarSummary(writer, step, tag, value);
    Operand<TUint8> red = tf.constant(new byte[] {(byte) 255, 0, 0});
    this.writeImage = tf.summary.writeImageSummary(writer, step, tag, image, red,
        WriteImageSummary.maxImages(16L));
    this.flush = tf.summary.flushSummaryWriter(writer);
    this.session = new Session(graph);
    session.run(create);
  }

  /** Writes scalars {@code tag -> value} at {@code step}. */
  void scalars(long at, Map<String, Float> values) {
    try (TInt64 s = TInt64.scalarOf(at)) {
      for (Map.Entry<String, Float> e : values.entrySet()) {
        try (TString t = TString.scalarOf(e.getKey());
            TFloat32 v = TFloat32.scalarOf(e.getValue())) {
          session.runner().feed(step, s).feed(tag, t).feed(value, v).addTarget(writeScalar).run();
        }
      }
    }
  }

  /** Writes {@code count} RGB images {@code [count, height, width, 3]} under {@code name}. */
  void images(long at, String name, byte[] rgb, int count, int height, int width) {
    try (TInt64 s = TInt64.scalarOf(at);
        TString t = TString.scalarOf(name);
        TUint8 pixels = TUint8.tensorOf(Shape.of(count, height, width, 3),
            DataBuffers.of(rgb, true, false))) {
      session.runner().feed(step, s).feed(tag, t).feed(image, pixels).addTarget(writeImage).run();
    }
  }

  void flush() {
    session.run(flush);
  }

  @Override
  public void close() {
    flush();
    session.close();
    graph.close();
  }
}
