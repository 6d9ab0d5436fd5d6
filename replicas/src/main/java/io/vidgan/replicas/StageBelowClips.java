package io.vidgan.replicas;

import io.vidgan.graphs.StageBelow;
import java.util.ArrayList;
import java.util.List;
import org.tensorflow.Operand;
import org.tensorflow.Operation;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.ndarray.index.Indices;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;
import org.tensorflow.types.TInt64;

/**
 * One producer run of a training graph's stage-below samples ({@link StageBelowProducer}) in
 * memory that does not grow with the first stage's clip length (HVG App. B.5: an upscaling
 * level's memory is fixed whatever the video length). A stage-below pass made in one run holds the
 * first stage's activations over its whole clip, the clip windows are cut from (SSW-GAN §3.1-3.2,
 * HVG §3.2), and the producer runs concurrently with the step, so they would add to the step's
 * peak. Here the first stage makes every queued tower's clip chunk by chunk ({@link
 * StageBelow.ChunkedSample}): run {@code i} makes the frames {@code [iC, iC + C)} of every clip at
 * frame offset {@code iC} from the ConvGRU states run {@code i - 1} ended with (fetched, then fed
 * back), {@code C} being {@link StageBelow#chunkFrames}; the chunks are assembled on the host (a
 * clip is small next to the activations that make it) and a last run feeds the clips, cuts and
 * upsamples the windows with the same draws as a pass made in one run, and queues them. The last
 * chunk is made whole and cut to the clip's length (the first stage is causal, so the frames past
 * it change nothing before them). Every chunk is made, including those past the last window's end:
 * skipping them would save, on average, the share {@code 1 / (b + 1)} of the first stage's work
 * for a tower batch {@code b}, not worth a run to fetch the windows' positions first.
 */
final class StageBelowClips implements StageBelowPass {
  /**
   * A queued tower's operands: its chunk, the ConvGRU states the chunk continues from and ends
   * with, and its whole clip, fed ({@link StageBelow.ChunkedSample}).
   */
  private record Tower(Operand<TFloat32> chunk, List<Operand<TFloat32>> states,
      List<Operand<TFloat32>> nextStates, Operand<TFloat32> clip) {
    Tower in(PlacedGraph p) {
      return new Tower(p.output(chunk), states.stream().map(p::output).toList(),
          nextStates.stream().map(p::output).toList(), p.output(clip));
    }
  }

  private final Operand<TInt64> seed;
  private final Operand<TInt32> frameOffset;
  private final Operation enqueue;
  private final Operation close;
  private final int chunkFrames;
  private final int clipFrames;
  private final List<Tower> towers;

  /**
   * @param seed the {@code (seed, run)} placeholder of the producer's draws
   * @param below the first stage's chunking: its frame offset, chunk and clip lengths
   * @param enqueue queues every tower's samples made from its fed clip
   * @param close closes the queues {@code enqueue} fills, cancelling pending enqueues
   * @param towers the queued towers' chunks, in tower order
   */
  StageBelowClips(Operand<TInt64> seed, StageBelow below, Op enqueue, Op close,
      List<StageBelow.ChunkedSample> towers) {
    this(seed, below.frameOffset(), enqueue.op(), close.op(), below.chunkFrames(),
        below.clipFrames(), towers.stream().map(c -> new Tower(c.chunk(),
            List.copyOf(c.states()), c.nextStates(), c.clip())).toList());
  }

  private StageBelowClips(Operand<TInt64> seed, Operand<TInt32> frameOffset, Operation enqueue,
      Operation close, int chunkFrames, int clipFrames, List<Tower> towers) {
    this.seed = seed;
    this.frameOffset = frameOffset;
    this.enqueue = enqueue;
    this.close = close;
    this.chunkFrames = chunkFrames;
    this.clipFrames = clipFrames;
    this.towers = List.copyOf(towers);
  }

  /** The same pass on the placed graph {@code p}, the one the training session runs. */
  StageBelowClips in(PlacedGraph p) {
    return new StageBelowClips(p.output(seed), p.output(frameOffset), p.op(enqueue),
        p.op(close), chunkFrames, clipFrames, towers.stream().map(t -> t.in(p)).toList());
  }

  @Override
  public Operation close() {
    return close;
  }

  @Override
  public void make(Session session, TInt64 draws) {
    List<TFloat32> clips = clips(session, draws);
    try {
      Session.Runner r = session.runner().feed(seed, draws).addTarget(enqueue);
      for (int k = 0; k < towers.size(); k++) {
        r.feed(towers.get(k).clip(), clips.get(k));
      }
      r.run().close();
    } finally {
      clips.forEach(Tensor::close);
    }
  }

  /** Every queued tower's clip of the run seeded {@code draws}, made chunk by chunk. */
  private List<TFloat32> clips(Session session, TInt64 draws) {
    List<TFloat32> clips = new ArrayList<>();
    Result previous = null;
    try {
      for (int at = 0; at < clipFrames; at += chunkFrames) {
        Result chunks;
        try (TInt32 offset = TInt32.scalarOf(at)) {
          chunks = chunkRun(session, draws, offset, previous).run();
        }
        if (previous != null) {
          previous.close();
        }
        previous = chunks;
        int frames = Math.min(chunkFrames, clipFrames - at);
        for (int k = 0; k < towers.size(); k++) {
          TFloat32 chunk = (TFloat32) chunks.get(first(k));
          if (at == 0) {
            clips.add(TFloat32.tensorOf(clipShape(chunk.shape())));
          }
          chunk.slice(Indices.all(), Indices.range(0, frames)).copyTo(
              clips.get(k).slice(Indices.all(), Indices.range(at, at + frames)));
        }
      }
      return clips;
    } catch (RuntimeException e) {
      clips.forEach(Tensor::close);
      throw e;
    } finally {
      if (previous != null) {
        previous.close();
      }
    }
  }

  /**
   * The run making the chunk at {@code offset} of every tower: fetches each tower's chunk then
   * its states after it, continuing from the states {@code previous} fetched (zeros when null).
   */
  private Session.Runner chunkRun(Session session, TInt64 draws, TInt32 offset,
      Result previous) {
    Session.Runner r = session.runner().feed(seed, draws).feed(frameOffset, offset);
    for (int k = 0; k < towers.size(); k++) {
      Tower t = towers.get(k);
      r.fetch(t.chunk());
      t.nextStates().forEach(r::fetch);
      for (int i = 0; previous != null && i < t.states().size(); i++) {
        r.feed(t.states().get(i), previous.get(first(k) + 1 + i));
      }
    }
    return r;
  }

  /** Index of tower {@code k}'s chunk among a chunk run's fetches. */
  private int first(int k) {
    int index = 0;
    for (int j = 0; j < k; j++) {
      index += 1 + towers.get(j).nextStates().size();
    }
    return index;
  }

  private Shape clipShape(Shape chunk) {
    long[] dims = chunk.asArray();
    dims[1] = clipFrames;
    return Shape.of(dims);
  }
}
