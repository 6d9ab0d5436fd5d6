package io.vidgan.metrics;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Named evaluation protocols, each reproducing one paper's way of computing its table: how many
 * clips per side, which frames of a generated video make a clip, at what resolution, and which
 * metrics the paper reports. Frames and strides count frames of the model's output; real clips
 * are read at the same frame rate ({@link ClipSampling#forRealData}), one per video at a random
 * offset.
 *
 * <p>Neither DVD-GAN nor HVG/SSW-GAN states its sample count; 2048 per side, StyleGAN-V's count,
 * is used for them and marked as a choice in the settings card.
 */
public enum FvdProtocol {
  /** StyleGAN-V's 16 consecutive frames from {@code t = 0}. */
  FVD2048_16F("fvd2048_16f", Generated.FROM_START, 16, 1, 0, "fvd", Paper.STYLEGAN_V),
  /** StyleGAN-V's 128 consecutive frames from {@code t = 0}. */
  FVD2048_128F("fvd2048_128f", Generated.FROM_START, 128, 1, 0, "fvd", Paper.STYLEGAN_V),
  /** StyleGAN-V's every 8th frame of 128: 16 frames spanning 121. */
  FVD2048_128F_SUBSAMPLE8F("fvd2048_128f_subsample8f", Generated.FROM_START, 16, 8, 0, "fvd",
      Paper.STYLEGAN_V),
  /** DVD-GAN Table 1, 12/64x64 rows: IS and FID of 12-frame videos. */
  DVDGAN_12F_64PX("dvdgan_12f_64px", Generated.FROM_START, 12, 1, 64, "is,fid", Paper.DVD_GAN),
  /** DVD-GAN Table 1, 12/128x128 rows. */
  DVDGAN_12F_128PX("dvdgan_12f_128px", Generated.FROM_START, 12, 1, 128, "is,fid",
      Paper.DVD_GAN),
  /** DVD-GAN Table 1, 48/64x64 rows. */
  DVDGAN_48F_64PX("dvdgan_48f_64px", Generated.FROM_START, 48, 1, 64, "is,fid", Paper.DVD_GAN),
  /** DVD-GAN Table 1, 48/128x128 rows. */
  DVDGAN_48F_128PX("dvdgan_48f_128px", Generated.FROM_START, 48, 1, 128, "is,fid",
      Paper.DVD_GAN),
  /**
   * HVG Table 1 "@12" / SSW-GAN Table 1: 12 frames from a random window of the whole generated
   * video (level 1 runs in full, a random window of it is upsampled).
   */
  HVG_12F("hvg_12f", Generated.RANDOM_WINDOW, 12, 1, 0, "is,fid,fvd", Paper.HVG),
  /** HVG Table 1 "@48": the full-length 48-frame videos. */
  HVG_48F("hvg_48f", Generated.FROM_START, 48, 1, 0, "is,fid,fvd", Paper.HVG);

  /** Which frames of a generated video make its clip. */
  public enum Generated {
    /** The first frames. */
    FROM_START,
    /** A window at a random (seeded) offset of the video at its trained length. */
    RANDOM_WINDOW
  }

  /** The papers the protocols come from. */
  public enum Paper {
    STYLEGAN_V("Skorokhodov et al., 2022, StyleGAN-V, Sec. 4 (arXiv:2112.14683)"),
    DVD_GAN("Clark et al., 2019, Adversarial Video Generation on Complex Datasets, Table 1 and"
        + " App. A.4 (arXiv:1907.06571): I3D trained on Kinetics-600, FID on avgpool features"),
    HVG("Castrejon et al., 2021, Hierarchical Video Generation for Complex Data, Table 1 and"
        + " App. B (arXiv:2106.02719); SSW-GAN (ICLR 2021 submission) Table 1: IS and FVD with"
        + " the Kinetics-400 I3D, FID with the Kinetics-600 I3D");

    private final String citation;

    Paper(String citation) {
      this.citation = citation;
    }

    public String citation() {
      return citation;
    }
  }

  private static final int CLIPS = 2048;

  private final String id;
  private final Generated generated;
  private final ClipSampling sampling;
  private final int resolution;
  private final List<String> metrics;
  private final Paper paper;

  FvdProtocol(String id, Generated generated, int frames, int stride, int resolution,
      String metrics, Paper paper) {
    this.id = id;
    this.generated = generated;
    this.sampling = new ClipSampling(frames, stride);
    this.resolution = resolution;
    this.metrics = List.of(metrics.split(","));
    this.paper = paper;
  }

  /** The protocol's name, e.g. {@code fvd2048_16f}. */
  public String id() {
    return id;
  }

  /** Clips per side. */
  public int videos() {
    return CLIPS;
  }

  /** Frames per clip fed to I3D. */
  public int frames() {
    return sampling.frames();
  }

  /** Distance between the frames of a clip, in frames of the model's output. */
  public int stride() {
    return sampling.stride();
  }

  /** Frames and stride of a clip, in frames of the model's output. */
  public ClipSampling sampling() {
    return sampling;
  }

  /** Frames of the generated video a clip covers. */
  public int span() {
    return sampling.span();
  }

  /** Which frames of a generated video make its clip. */
  public Generated generated() {
    return generated;
  }

  /** Frame height and width the paper evaluated at, or 0 for any. */
  public int resolution() {
    return resolution;
  }

  /** The metrics the paper reports with this protocol, e.g. {@code [is, fid]}. */
  public List<String> metrics() {
    return metrics;
  }

  public Paper paper() {
    return paper;
  }

  /** The protocol called {@code id}. */
  public static FvdProtocol of(String id) {
    for (FvdProtocol p : values()) {
      if (p.id.equals(id.toLowerCase(Locale.ROOT))) {
        return p;
      }
    }
    throw new IllegalArgumentException("unknown FVD protocol '" + id + "', expected one of "
        + ids());
  }

  /** All ids, {@code |}-separated. */
  public static String ids() {
    return Arrays.stream(values()).map(FvdProtocol::id).collect(Collectors.joining("|"));
  }

  /** One line per protocol: its name, clip and paper, for {@code --help}. */
  public static String catalogue() {
    return Arrays.stream(values()).map(p -> String.format(Locale.ROOT,
        "%s: %d frames (stride %d)%s%s, %s; %s", p.id, p.frames(), p.stride(),
        p.resolution > 0 ? " at " + p.resolution + "x" + p.resolution : "",
        p.generated == Generated.RANDOM_WINDOW ? " from a random window" : " from t=0",
        String.join("/", p.metrics), p.paper.citation())).collect(Collectors.joining("; "));
  }
}
