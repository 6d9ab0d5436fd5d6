package io.vidgan.metrics;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.data.Frames;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * HVG App. D / SSW-GAN App. E: the radially averaged PSD ({@link PowerSpectrum}) of chosen frames
 * of N videos, averaged over each of {@code sets} disjoint sets of {@code N / sets} videos (1800
 * videos, 3 sets of 600, frames 1, 10, 24, 48 in HVG), then the mean and standard deviation across
 * the sets. Values are {@code log10} of the set averages, as the papers plot them.
 */
final class PsdComparison {
  private PsdComparison() {}

  /**
   * The mean and spread across sets of each frame's log PSD.
   *
   * @param mean {@code [frame][radius]} mean over sets of {@code log10} of the set's average PSD
   * @param std same shape, sample standard deviation over sets (0 for one set)
   * @param videos videos measured
   */
  record Curves(double[][] mean, double[][] std, int videos) {}

  /**
   * Reads {@code sets * perSet} clips of {@code source} and measures frames {@code frames}
   * (0-based indices into each clip).
   *
   * @throws IOException if the source runs out before a set is complete
   */
  static Curves measure(ClipSource source, int[] frames, int sets, int perSet)
      throws IOException {
    checkArgument(sets >= 1 && perSet >= 1, "sets and videos per set must be positive");
    double[][][] logAverage = new double[sets][frames.length][];
    for (int s = 0; s < sets; s++) {
      double[][] sum = new double[frames.length][];
      for (int v = 0; v < perSet; v++) {
        Optional<Frames> clip = source.next();
        if (clip.isEmpty()) {
          throw new IOException(source.description() + ": only " + (s * perSet + v)
              + " usable videos, " + sets * perSet + " needed");
        }
        for (int f = 0; f < frames.length; f++) {
          add(sum, f, PowerSpectrum.radial(clip.get(), frames[f]));
        }
      }
      for (int f = 0; f < frames.length; f++) {
        logAverage[s][f] = new double[sum[f].length];
        for (int r = 0; r < sum[f].length; r++) {
          logAverage[s][f][r] = Math.log10(sum[f][r] / perSet);
        }
      }
    }
    return summarise(logAverage, sets * perSet);
  }

  private static void add(double[][] sum, int f, double[] psd) {
    if (sum[f] == null) {
      sum[f] = new double[psd.length];
    }
    for (int r = 0; r < psd.length; r++) {
      sum[f][r] += psd[r];
    }
  }

  private static Curves summarise(double[][][] logAverage, int videos) {
    int frames = logAverage[0].length;
    int bins = logAverage[0][0].length;
    double[][] mean = new double[frames][bins];
    double[][] std = new double[frames][bins];
    for (int f = 0; f < frames; f++) {
      for (int r = 0; r < bins; r++) {
        List<Double> values = new ArrayList<>();
        for (double[][] set : logAverage) {
          values.add(set[f][r]);
        }
        double[] ms = FvdSeries.meanStd(values);
        mean[f][r] = ms[0];
        std[f][r] = ms[1];
      }
    }
    return new Curves(mean, std, videos);
  }
}
