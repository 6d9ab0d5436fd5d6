package io.vidgan.graphs;

import java.util.List;
import java.util.Map;
import org.tensorflow.Operand;
import org.tensorflow.op.Op;
import org.tensorflow.types.TFloat32;

/**
 * The run targets and fetches of a stage's training graph.
 *
 * @param updates one Adam step of D ({@code D_adam/update}) and of G ({@code G_adam/update})
 * @param accumulates adds a micro-batch's gradient ({@code <scope>/accumulate}) for D and G;
 *     empty when every update is one run
 * @param ema the EMA of G, or null when disabled
 * @param outputs the step's outputs ({@link TrainingStep#outputs}), in order, each with its op
 */
public record TrainOps(Map<Update, Op> updates, Map<Update, Op> accumulates, GeneratorEma ema,
    List<StepOutput> outputs, Map<StepOutput, Operand<TFloat32>> values) {
  public TrainOps {
    updates = Map.copyOf(updates);
    accumulates = Map.copyOf(accumulates);
    outputs = List.copyOf(outputs);
    values = Map.copyOf(values);
  }

  public Op updateD() {
    return updates.get(Update.D);
  }

  public Op updateG() {
    return updates.get(Update.G);
  }

  /** The op of a declared output. */
  public Operand<TFloat32> output(StepOutput output) {
    Operand<TFloat32> op = values.get(output);
    if (op == null) {
      throw new IllegalArgumentException(output.name() + " is not an output of this step");
    }
    return op;
  }
}
