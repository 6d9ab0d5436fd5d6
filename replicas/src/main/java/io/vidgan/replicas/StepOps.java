package io.vidgan.replicas;

import io.vidgan.graphs.StepOutput;
import io.vidgan.graphs.TrainOps;
import io.vidgan.graphs.Update;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.GraphOperation;
import org.tensorflow.Output;
import org.tensorflow.Result;
import org.tensorflow.Session;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;

/**
 * A training step's ops in a {@link TrainingGraph}, found once by the names they were built
 * with (the graph is rewritten for device placement and imported anew): per update, the run that
 * applies it and the one that accumulates a micro-batch, each with the outputs it fetches.
 */
public final class StepOps {
  private final List<StepOutput> outputs;
  private final Map<Update, Run> apply;
  private final Map<Update, Run> accumulate;
  private final Optional<Ema> ema;

  /** The EMA of G's update op and its decay placeholder. */
  record Ema(GraphOperation update, Output<TFloat32> decay) {}

  private StepOps(List<StepOutput> outputs, Map<Update, Run> apply, Map<Update, Run> accumulate,
      Optional<Ema> ema) {
    this.outputs = outputs;
    this.apply = apply;
    this.accumulate = accumulate;
    this.ema = ema;
  }

  /**
   * One run of an update: its target and the outputs it fetches, in order (a run that only
   * accumulates a micro-batch has no gradient norms).
   */
  public record Run(GraphOperation target, List<StepOutput> outputs,
      List<Output<TFloat32>> fetches) {
    /** Adds the target and the fetches to {@code r}; the values are its first results. */
    public Session.Runner addTo(Session.Runner r) {
      r.addTarget(target);
      fetches.forEach(r::fetch);
      return r;
    }

    /** The values of the outputs in {@code result} of a runner prepared by {@link #addTo}. */
    StepValues values(Result result) {
      Map<StepOutput, Float> values = new HashMap<>();
      for (int i = 0; i < outputs.size(); i++) {
        values.put(outputs.get(i), ((TFloat32) result.get(i)).getFloat());
      }
      return new StepValues(values);
    }
  }

  /** Finds {@code ops} (built in another graph) in the {@code placed} graph. */
  static StepOps find(PlacedGraph placed, TrainOps ops) {
    Map<Update, Run> apply = new EnumMap<>(Update.class);
    Map<Update, Run> accumulate = new EnumMap<>(Update.class);
    for (Update u : List.of(Update.D, Update.G)) {
      apply.put(u, run(placed, ops, u, ops.updates().get(u), false));
      if (ops.accumulates().containsKey(u)) {
        accumulate.put(u, run(placed, ops, u, ops.accumulates().get(u), true));
      }
    }
    Optional<Ema> ema = Optional.ofNullable(ops.ema()).map(e -> new Ema(
        placed.op(e.update()), placed.op(e.decay()).output(0)));
    return new StepOps(ops.outputs(), apply, accumulate, ema);
  }

  private static Run run(PlacedGraph placed, TrainOps ops, Update u, Op target, boolean micro) {
    List<StepOutput> fetched = new ArrayList<>();
    List<Output<TFloat32>> fetches = new ArrayList<>();
    for (StepOutput o : ops.outputs()) {
      if (o.update() == u && (!micro || o.perMicroBatch())) {
        fetched.add(o);
        fetches.add(placed.op(ops.output(o)).output(0));
      }
    }
    return new Run(placed.op(target), List.copyOf(fetched), List.copyOf(fetches));
  }

  /** Every output of the step, in the order they are checked and logged. */
  public List<StepOutput> outputs() {
    return outputs;
  }

  /** The run that applies {@code update}'s gradient (D or G). */
  public Run apply(Update update) {
    return apply.get(update);
  }

  /** The run that adds a micro-batch's gradient to {@code update}'s accumulators, if any. */
  public Optional<Run> accumulate(Update update) {
    return Optional.ofNullable(accumulate.get(update));
  }

  Optional<Ema> ema() {
    return ema;
  }
}
