package io.vidgan.replicas.evaluation;

import java.io.IOException;

/**
 * A metric of the generator computed while training ({@code bin/train --eval-every}), as
 * LongVideoGAN computes FVD for each checkpoint a run saves and StyleGAN-V (Skorokhodov et al.,
 * 2022, Sec. 4) picks the checkpoint with the best FVD<sub>16</sub>. The trainer hands each
 * evaluation the clips its generator makes of fixed inputs from one checkpoint; lower scores are
 * better.
 *
 * <p>The contract between the trainer and a module above it: implementations come from an {@link
 * EvaluationProvider} found with {@link java.util.ServiceLoader} (metrics-i3d provides FVD with
 * I3D), so this module does not depend on them.
 */
public interface TrainingEvaluation extends AutoCloseable {
  /**
   * What a score measures; scores compare only under equal measures.
   *
   * @param metric the TensorBoard tag, e.g. {@code metrics/fvd}
   * @param protocol the protocol's name, e.g. {@code fvd256_8f}
   * @param weightsSha256 SHA-256 of the feature network's weights
   */
  record Measure(String metric, String protocol, String weightsSha256) {}

  Measure measure();

  /** The score of {@code clips}; lower is better. */
  double score(GeneratedClips clips) throws IOException;

  @Override
  default void close() {}
}
