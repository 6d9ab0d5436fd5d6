package io.vidgan.metrics;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.data.Frames;
import java.util.Locale;

/**
 * The reduced FVD protocol scored while a stage trains: {@code clips} clips per side of the
 * stage's own length {@code frames} at its own frame rate, named as StyleGAN-V names its protocols
 * ({@code fvd<clips>_<frames>f}, Skorokhodov et al., 2022, Sec. 4). Fewer clips than the papers'
 * 2048 make each score cheap enough to repeat during a run and biased upwards (FVD grows as clips
 * get fewer): scores compare within a run and between runs of one protocol, never with published
 * tables (use {@code bin/eval-fvd} with a paper protocol for those).
 *
 * <p>I3D needs at least {@link I3d#MIN_FRAMES} frames; a shorter stage (the small presets' 8
 * frames) has each frame of both sides repeated {@code repeat} times, nearest-neighbour in time,
 * and the name says so ({@code fvd256_8f_repeat2}). Both sides go through the same transform, so
 * equal distributions still score 0.
 */
record TrainingFvdProtocol(int clips, int frames, int repeat) {
  TrainingFvdProtocol {
    checkArgument(clips >= 2, "FVD needs at least 2 clips per side, got %s", clips);
    checkArgument(frames >= 1 && repeat >= 1 && frames * repeat >= I3d.MIN_FRAMES,
        "%s frames repeated %s times: I3D needs %s", frames, repeat, I3d.MIN_FRAMES);
  }

  /** The protocol for a stage of {@code frames} frames: repeated only if I3D needs it. */
  static TrainingFvdProtocol of(int clips, int frames) {
    return new TrainingFvdProtocol(clips, frames, (I3d.MIN_FRAMES + frames - 1) / frames);
  }

  /** The protocol's name, e.g. {@code fvd256_12f} or {@code fvd256_8f_repeat2}. */
  String id() {
    return String.format(Locale.ROOT, "fvd%d_%df%s", clips, frames,
        repeat > 1 ? "_repeat" + repeat : "");
  }

  /** Frames per clip fed to I3D. */
  int i3dFrames() {
    return frames * repeat;
  }

  /** {@code clip} ({@link #frames()} frames) as I3D sees it: each frame {@code repeat} times. */
  Frames apply(Frames clip) {
    checkArgument(clip.count() == frames, "a %s-frame clip for a %s-frame protocol",
        clip.count(), frames);
    if (repeat == 1) {
      return clip;
    }
    int n = clip.frameBytes();
    byte[] rgb = new byte[n * i3dFrames()];
    for (int f = 0; f < i3dFrames(); f++) {
      System.arraycopy(clip.rgb(), f / repeat * n, rgb, f * n, n);
    }
    return new Frames(i3dFrames(), clip.height(), clip.width(), rgb);
  }
}
