package io.vidgan.replicas;

import io.vidgan.graphs.StepOutput;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The values of a training step's outputs ({@link io.vidgan.graphs.TrainingStep}), keyed by
 * their declaration: those of one run, of one update, or of a whole iteration.
 */
public final class StepValues {
  private final Map<StepOutput, Float> values;

  StepValues(Map<StepOutput, Float> values) {
    this.values = Map.copyOf(values);
  }

  /** The value of {@code output}; it must be among these. */
  public float get(StepOutput output) {
    Float v = values.get(output);
    if (v == null) {
      throw new IllegalArgumentException(output.name() + " is not among " + values.keySet());
    }
    return v;
  }

  public Set<StepOutput> outputs() {
    return values.keySet();
  }

  /** Whether every value is finite. */
  public boolean finite() {
    return values.values().stream().allMatch(Float::isFinite);
  }

  /** These values and {@code other}'s (of another update). */
  StepValues plus(StepValues other) {
    Map<StepOutput, Float> all = new LinkedHashMap<>(values);
    all.putAll(other.values);
    return new StepValues(all);
  }

  /**
   * The values of one update from its micro-batches' runs, last run last: each per-micro-batch
   * output their mean, the others (gradient norms) the applying run's.
   */
  static StepValues ofUpdate(List<StepValues> runs) {
    StepValues last = runs.get(runs.size() - 1);
    Map<StepOutput, Float> update = new LinkedHashMap<>(last.values);
    for (StepOutput o : last.outputs()) {
      if (o.perMicroBatch()) {
        float sum = 0;
        for (StepValues r : runs) {
          sum += r.get(o);
        }
        update.put(o, sum / runs.size());
      }
    }
    return new StepValues(update);
  }
}
