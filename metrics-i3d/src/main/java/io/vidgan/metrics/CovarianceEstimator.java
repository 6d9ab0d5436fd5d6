package io.vidgan.metrics;

/** How a covariance is normalised: by {@code N - 1} or by {@code N}. */
public enum CovarianceEstimator {
  /** Divides by {@code N - 1}, as TF-GAN (and so the reference FVD) and VideoGPT do. */
  UNBIASED("unbiased (N-1, as TF-GAN and the reference FVD)"),
  /** Divides by {@code N}, as StyleGAN-V and LongVideoGAN do. */
  BIASED("biased (N, as StyleGAN-V and LongVideoGAN)");

  private final String description;

  CovarianceEstimator(String description) {
    this.description = description;
  }

  /** For settings cards. */
  public String description() {
    return description;
  }

  /** The divisor for {@code n} samples. */
  double divisor(long n) {
    return this == UNBIASED ? n - 1 : n;
  }
}
