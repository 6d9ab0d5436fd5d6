package io.vidgan.metrics;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.data.Frames;
import io.vidgan.ops.Scopes;
import io.vidgan.ops.io.CheckpointRestorer;
import java.io.IOException;
import java.util.List;
import org.tensorflow.Graph;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.buffer.DataBuffers;
import org.tensorflow.op.Ops;
import org.tensorflow.proto.ConfigProto;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TUint8;

/**
 * Runs I3D on batches of 8-bit clips: owns the feature graph and its session, with the weights
 * restored once. Any batch size; every clip of one call must have the same size.
 *
 * <p>The session uses one inter-op thread and as many intra-op threads as there are processors
 * (fastest for convolutions on CPU; measured in docs/ENGINEERING.md, "TF Java 1.1.0 pitfalls").
 */
public final class I3dEmbedder implements AutoCloseable {
  private final Graph graph;
  private final Session session;
  private final I3dGraph net;
  private final int frames;
  private final int classes;

  /**
   * Builds the graph for clips of {@code frames} frames and restores {@code weights}.
   *
   * @throws IOException if the checkpoint does not fit the graph
   */
  public I3dEmbedder(I3dWeights weights, int frames) throws IOException {
    checkArgument(frames >= I3d.MIN_FRAMES, "I3D needs at least %s frames per clip, got %s",
        I3d.MIN_FRAMES, frames);
    this.frames = frames;
    this.classes = weights.layout().classes();
    this.graph = new Graph();
    Session s = null;
    try {
      Ops tf = Scopes.root(graph);
      this.net = new I3dGraph(tf, weights.layout(), frames, weights.seed());
      CheckpointRestorer restorer = weights.checkpointPrefix().isPresent()
          ? new CheckpointRestorer(tf, net.network().variables()) : null;
      s = new Session(graph, sessionConfig());
      if (restorer == null) {
        s.initialize();
      } else {
        restorer.restore(s, weights.checkpointPrefix().get());
      }
    } catch (IOException | RuntimeException e) {
      if (s != null) {
        s.close();
      }
      graph.close();
      throw e;
    }
    this.session = s;
  }

  /** One inter-op thread, one intra-op thread per processor. */
  static ConfigProto sessionConfig() {
    return ConfigProto.newBuilder()
        .setIntraOpParallelismThreads(Runtime.getRuntime().availableProcessors())
        .setInterOpParallelismThreads(1).build();
  }

  /** Frames per clip. */
  public int frames() {
    return frames;
  }

  /** Logits per clip. */
  public int classes() {
    return classes;
  }

  /** Features of {@code clips}, in order; all must have {@link #frames()} frames of one size. */
  public Embeddings embed(List<Frames> clips) {
    checkArgument(!clips.isEmpty(), "no clips to embed");
    Frames first = clips.get(0);
    int clipBytes = first.rgb().length;
    byte[] batch = new byte[Math.multiplyExact(clipBytes, clips.size())];
    for (int i = 0; i < clips.size(); i++) {
      Frames c = clips.get(i);
      checkArgument(c.count() == frames && c.height() == first.height()
              && c.width() == first.width(),
          "clip %s is %sx%sx%s, expected %sx%sx%s like the batch", i, c.count(), c.height(),
          c.width(), frames, first.height(), first.width());
      System.arraycopy(c.rgb(), 0, batch, i * clipBytes, clipBytes);
    }
    Shape shape = Shape.of(clips.size(), frames, first.height(), first.width(), 3);
    try (TUint8 input = TUint8.tensorOf(shape, DataBuffers.of(batch, true, false));
        Result r = session.runner().feed(net.clips(), input).fetch(net.logits())
            .fetch(net.pooled()).run()) {
      return new Embeddings(clips.size(), classes, values(r, 0), values(r, 1));
    }
  }

  /** Saves the current weights as a checkpoint (used by tests to make checkpoints). */
  void save(String prefix) {
    session.save(prefix);
  }

  private static float[] values(Result r, int i) {
    TFloat32 t = (TFloat32) r.get(i);
    float[] out = new float[(int) t.shape().size()];
    t.copyTo(DataBuffers.of(out, false, false));
    return out;
  }

  @Override
  public void close() {
    session.close();
    graph.close();
  }
}
