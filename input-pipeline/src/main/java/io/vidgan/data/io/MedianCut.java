package io.vidgan.data.io;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A palette by median cut over the non-empty bins of a colour histogram, each bin a point at its
 * pixels' mean colour: the box with the largest squared error is split along the axis of largest
 * variance at the pixel-weighted median, until there are enough boxes or none can be split; a
 * box's colour is the mean of its pixels.
 *
 * <p>After Heckbert, 1982, "Color Image Quantization for Frame Buffer Display" (SIGGRAPH '82).
 * Heckbert splits the most populous box along its longest side; choosing by squared error gives
 * small but distinct objects (a coloured ball on a flat background) their own colour.
 */
final class MedianCut {
  private final long[] weight;
  private final double[][] mean;
  private final int[] order;

  private record Box(int from, int to, double error) {}

  private MedianCut(long[] count, long[][] sum) {
    int n = (int) Arrays.stream(count).filter(w -> w > 0).count();
    this.weight = new long[n];
    this.mean = new double[n][3];
    this.order = new int[n];
    int i = 0;
    for (int bin = 0; bin < count.length; bin++) {
      if (count[bin] > 0) {
        weight[i] = count[bin];
        for (int c = 0; c < 3; c++) {
          mean[i][c] = sum[c][bin] / (double) count[bin];
        }
        order[i] = i;
        i++;
      }
    }
  }

  /**
   * @param count pixels per bin
   * @param sum per channel, the sum of the bin's pixel values
   * @return at most {@code max} colours {@code 0xRRGGBB}
   */
  static int[] colours(long[] count, long[][] sum, int max) {
    MedianCut cut = new MedianCut(count, sum);
    List<Box> boxes = new ArrayList<>(List.of(cut.box(0, cut.order.length)));
    while (boxes.size() < max) {
      Box worst = boxes.stream().max((a, b) -> Double.compare(a.error, b.error)).orElseThrow();
      if (worst.error <= 0) {
        break;
      }
      boxes.remove(worst);
      int split = cut.split(worst);
      boxes.add(cut.box(worst.from, split));
      boxes.add(cut.box(split, worst.to));
    }
    return boxes.stream().mapToInt(b -> cut.colour(b.from, b.to)).toArray();
  }

  private Box box(int from, int to) {
    double[] centre = centre(from, to);
    double error = 0;
    for (int k = from; k < to; k++) {
      for (int c = 0; c < 3; c++) {
        double d = mean[order[k]][c] - centre[c];
        error += weight[order[k]] * d * d;
      }
    }
    return new Box(from, to, error);
  }

  /** Sorts the box along its axis of largest variance; returns the weighted median position. */
  private int split(Box box) {
    double[] centre = centre(box.from, box.to);
    double[] variance = new double[3];
    for (int k = box.from; k < box.to; k++) {
      for (int c = 0; c < 3; c++) {
        double d = mean[order[k]][c] - centre[c];
        variance[c] += weight[order[k]] * d * d;
      }
    }
    int axis = variance[0] >= variance[1] && variance[0] >= variance[2] ? 0
        : variance[1] >= variance[2] ? 1 : 2;
    long[] keys = new long[box.to - box.from];
    for (int k = box.from; k < box.to; k++) {
      keys[k - box.from] = Math.round(mean[order[k]][axis] * 256) << 20 | order[k];
    }
    Arrays.sort(keys);
    long total = 0;
    for (int k = 0; k < keys.length; k++) {
      order[box.from + k] = (int) (keys[k] & 0xfffff);
      total += weight[order[box.from + k]];
    }
    long seen = 0;
    int at = box.from;
    while (at < box.to - 1 && 2 * (seen + weight[order[at]]) <= total) {
      seen += weight[order[at]];
      at++;
    }
    return Math.max(box.from + 1, at);
  }

  private double[] centre(int from, int to) {
    double[] centre = new double[3];
    long total = 0;
    for (int k = from; k < to; k++) {
      total += weight[order[k]];
      for (int c = 0; c < 3; c++) {
        centre[c] += weight[order[k]] * mean[order[k]][c];
      }
    }
    for (int c = 0; c < 3; c++) {
      centre[c] /= total;
    }
    return centre;
  }

  private int colour(int from, int to) {
    double[] centre = centre(from, to);
    int rgb = 0;
    for (int c = 0; c < 3; c++) {
      rgb = rgb << 8 | (int) Math.max(0, Math.min(255, Math.round(centre[c])));
    }
    return rgb;
  }
}
