package io.vidgan.metrics;

import static com.google.common.base.Preconditions.checkArgument;

/**
 * How an FVD evaluation is run.
 *
 * @param protocol clip length and stride, and the clip count it is named after
 * @param clips clips per side actually requested (the protocol's count unless overridden)
 * @param batch clips per I3D run (any size; results do not depend on it)
 * @param seed seed of the real clips' videos and offsets
 * @param covariance covariance normalisation of the Fréchet distances
 * @param fid whether to also compute the FID of the pooled features
 * @param inceptionScore whether to also compute the IS of the generated clips
 * @param truncation standard deviation of the generated videos' noise (1: none; DVD-GAN's
 *     truncation)
 * @param real which frames of a real video make a clip: the protocol's clip at the generated
 *     frame rate ({@link ClipSampling#forRealData})
 */
public record FvdSettings(FvdProtocol protocol, int clips, int batch, long seed,
    CovarianceEstimator covariance, boolean fid, boolean inceptionScore, double truncation,
    ClipSampling real) {
  /** Below this many clips per side, estimates vary a lot between seeds. */
  public static final int FEW_CLIPS = 256;

  public FvdSettings {
    checkArgument(clips >= 2, "at least 2 clips per side are needed, got %s", clips);
    checkArgument(batch >= 1, "batch must be positive, got %s", batch);
    checkArgument(real.frames() == protocol.frames(), "real clips of %s frames for a %s-frame"
        + " protocol", real.frames(), protocol.frames());
  }

  /** The same evaluation with another seed (of the generated videos and the real offsets). */
  public FvdSettings withSeed(long other) {
    return new FvdSettings(protocol, clips, batch, other, covariance, fid, inceptionScore,
        truncation, real);
  }
}
