package io.vidgan.metrics;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The FVD protocols as StyleGAN-V and LongVideoGAN name them ({@code metric_main.py}): 2048 real
 * clips (one per video, at a random offset, at the video's native frame rate) against 2048
 * generated clips (from {@code t = 0}).
 *
 * @see <a href="https://arxiv.org/abs/2112.14683">Skorokhodov et al., 2022, StyleGAN-V</a>, Sec. 4
 */
public enum FvdProtocol {
  /** 16 consecutive frames. */
  FVD2048_16F("fvd2048_16f", 2048, 16, 1),
  /** 128 consecutive frames. */
  FVD2048_128F("fvd2048_128f", 2048, 128, 1),
  /** Every 8th frame of 128: 16 frames spanning 121. */
  FVD2048_128F_SUBSAMPLE8F("fvd2048_128f_subsample8f", 2048, 16, 8);

  private final String id;
  private final int videos;
  private final int frames;
  private final int stride;

  FvdProtocol(String id, int videos, int frames, int stride) {
    this.id = id;
    this.videos = videos;
    this.frames = frames;
    this.stride = stride;
  }

  /** The metric name, e.g. {@code fvd2048_16f}. */
  public String id() {
    return id;
  }

  /** Clips per side. */
  public int videos() {
    return videos;
  }

  /** Frames per clip fed to I3D. */
  public int frames() {
    return frames;
  }

  /** Distance between the frames of a clip, in source frames. */
  public int stride() {
    return stride;
  }

  /** Source frames a clip covers: {@code (frames - 1) * stride + 1}. */
  public int span() {
    return (frames - 1) * stride + 1;
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
}
