/**
 * The contract of metrics computed while training ({@code bin/train --eval-every}): a {@link
 * io.vidgan.replicas.evaluation.TrainingEvaluation} scores the clips of a checkpoint's generator
 * ({@link io.vidgan.replicas.evaluation.GeneratedClips}); a module above replicas provides it
 * through {@link java.util.ServiceLoader} ({@link
 * io.vidgan.replicas.evaluation.EvaluationProvider}; metrics-i3d's FVD), so replicas needs no
 * evaluation code.
 */
package io.vidgan.replicas.evaluation;
