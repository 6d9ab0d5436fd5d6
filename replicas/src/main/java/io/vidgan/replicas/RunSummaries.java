package io.vidgan.replicas;

import com.google.protobuf.ByteString;
import io.vidgan.ops.Scopes;
import java.nio.file.Path;
import java.util.Map;
import org.tensorflow.Graph;
import org.tensorflow.Operand;
import org.tensorflow.Session;
import org.tensorflow.ndarray.NdArrays;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Op;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.op.summary.SummaryWriter;
import org.tensorflow.proto.Summary;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt64;
import org.tensorflow.types.TString;

/**
 * TensorBoard event files written with TF's own summary ops ({@code events.out.tfevents.*} in the
 * run directory, readable by stock TensorBoard): scalars such as {@code loss/D} and {@code
 * timing/sec_per_step}, and animated GIFs as image summaries ({@code Summary.Value.image} with the
 * GIF's bytes, which TensorBoard's image dashboard shows animated). A small graph and session of
 * its own, so writing summaries never touches the training graph.
 */
final class RunSummaries implements AutoCloseable {
  private static final int MAX_QUEUE = 100;
  private static final int FLUSH_MILLIS = 10_000;
  /** {@code Summary.Image.colorspace} of RGB images. */
  private static final int RGB = 3;

  private final Graph graph = new Graph();
  private final Session session;
  private final Placeholder<TInt64> step;
  private final Placeholder<TString> tag;
  private final Placeholder<TFloat32> value;
  private final Placeholder<TString> summary;
  private final Op writeScalar;
  private final Op writeSummary;
  private final Op flush;

  RunSummaries(Path logDir) {
    Ops tf = Scopes.root(graph);
    Operand<?> writer = tf.summary.summaryWriter(SummaryWriter.sharedName("vidgan_events"));
    Op create = tf.summary.createSummaryFileWriter(writer, tf.constant(logDir.toString()),
        tf.constant(MAX_QUEUE), tf.constant(FLUSH_MILLIS), tf.constant(".vidgan"));
    this.step = tf.placeholder(TInt64.class, Placeholder.shape(Shape.scalar()));
    this.tag = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
    this.value = tf.placeholder(TFloat32.class, Placeholder.shape(Shape.scalar()));
    this.summary = tf.placeholder(TString.class, Placeholder.shape(Shape.scalar()));
    this.writeScalar = tf.summary.writeScalarSummary(writer, step, tag, value);
    this.writeSummary = tf.summary.writeRawProtoSummary(writer, step, summary);
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

  /** Writes image summary {@code name} at step {@code at}: a GIF of {@code height x width}. */
  void gif(long at, String name, byte[] gif, int height, int width) {
    Summary.Image image = Summary.Image.newBuilder().setHeight(height).setWidth(width)
        .setColorspace(RGB).setEncodedImageString(ByteString.copyFrom(gif)).build();
    byte[] proto = Summary.newBuilder().addValue(Summary.Value.newBuilder().setTag(name)
        .setImage(image)).build().toByteArray();
    try (TInt64 s = TInt64.scalarOf(at);
        TString p = TString.tensorOfBytes(NdArrays.scalarOfObject(proto))) {
      session.runner().feed(step, s).feed(summary, p).addTarget(writeSummary).run();
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
