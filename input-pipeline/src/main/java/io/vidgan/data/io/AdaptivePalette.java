package io.vidgan.data.io;

import java.awt.image.IndexColorModel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One palette of at most 256 colours for a whole animation, chosen from every pixel of every
 * frame: the video's own colours when it has at most 256 distinct ones (the GIF is then
 * lossless), otherwise median cut. Pixels map to their nearest palette colour (squared RGB
 * distance; beyond 256 colours, the colour nearest their cell of a 6-bit-per-channel grid) without
 * dithering, so a flat area stays one palette index.
 *
 * <p>Median cut after Heckbert, 1982, "Color Image Quantization for Frame Buffer Display"
 * (SIGGRAPH '82), on a histogram of 5 bits per channel: the box with the largest squared error is
 * split along the axis of largest variance at the pixel-weighted median; a box's colour is the
 * mean of its pixels. Heckbert splits the most populous box along its longest side; choosing by
 * squared error gives small but distinct objects (a coloured ball on a flat background) their own
 * colour.
 */
final class AdaptivePalette {
  static final int MAX_COLOURS = 256;
  private static final int BIN_BITS = 5;
  private static final int BINS = 1 << (3 * BIN_BITS);
  private static final int LOOKUP_BITS = 6;

  private final int[] colours;
  private final boolean exact;
  private final byte[] lookup;
  private final boolean[] known;

  private AdaptivePalette(int[] colours, boolean exact) {
    this.colours = colours;
    this.exact = exact;
    this.lookup = exact ? null : new byte[1 << (3 * LOOKUP_BITS)];
    this.known = exact ? null : new boolean[1 << (3 * LOOKUP_BITS)];
  }

  /**
   * Colour statistics of the frames seen so far, in fixed memory (about 1 MB) whatever the
   * video's length: a 15-bit histogram with each bin's colour sums, and the distinct colours up
   * to the 257th.
   */
  static final class Collector {
    private final long[] count = new long[BINS];
    private final long[][] sum = new long[3][BINS];
    private final int[] distinct = new int[MAX_COLOURS];
    private int distinctCount;
    private boolean many;
    private int last = -1;

    /** Adds the pixels of {@code rgb} (RGB bytes, row-major). */
    void add(byte[] rgb) {
      for (int p = 0; p < rgb.length; p += 3) {
        int c = colour(rgb, p);
        int bin = bin(c);
        count[bin]++;
        sum[0][bin] += c >> 16;
        sum[1][bin] += (c >> 8) & 0xff;
        sum[2][bin] += c & 0xff;
        if (c != last && !many) {
          remember(c);
          last = c;
        }
      }
    }

    private void remember(int c) {
      int at = Arrays.binarySearch(distinct, 0, distinctCount, c);
      if (at >= 0) {
        return;
      }
      if (distinctCount == MAX_COLOURS) {
        many = true;
        return;
      }
      int insert = -at - 1;
      System.arraycopy(distinct, insert, distinct, insert + 1, distinctCount - insert);
      distinct[insert] = c;
      distinctCount++;
    }

    /** The palette of everything added: exact, or median cut when there were too many colours. */
    AdaptivePalette palette() {
      if (many) {
        return new AdaptivePalette(MedianCut.colours(count, sum, MAX_COLOURS), false);
      }
      return new AdaptivePalette(Arrays.copyOf(distinct, distinctCount), true);
    }
  }

  /** The palette's colours as {@code 0xRRGGBB}, sorted when exact. */
  int[] colours() {
    return colours.clone();
  }

  /** Whether every colour added is in the palette. */
  boolean exact() {
    return exact;
  }

  /** An 8-bit colour model of the palette (padded to the two entries a GIF needs). */
  IndexColorModel colorModel() {
    int n = Math.max(2, colours.length);
    byte[][] rgb = new byte[3][n];
    for (int i = 0; i < colours.length; i++) {
      rgb[0][i] = (byte) (colours[i] >> 16);
      rgb[1][i] = (byte) (colours[i] >> 8);
      rgb[2][i] = (byte) colours[i];
    }
    return new IndexColorModel(8, n, rgb[0], rgb[1], rgb[2]);
  }

  /** Writes the palette index of each pixel of {@code rgb} to {@code index}. */
  void map(byte[] rgb, byte[] index) {
    for (int p = 0; p < index.length; p++) {
      index[p] = (byte) indexOf(colour(rgb, 3 * p));
    }
  }

  /**
   * The palette index of colour {@code c}: its own entry in an exact palette; else the entry
   * nearest the centre of {@code c}'s cell of a 6-bit-per-channel grid (within 2 levels of
   * {@code c} per channel), each cell looked up once, so the cost of the search is bounded
   * whatever the video's length.
   */
  int indexOf(int c) {
    if (exact) {
      int at = Arrays.binarySearch(colours, c);
      return at >= 0 ? at : nearest(2 * (c >> 16), 2 * ((c >> 8) & 0xff), 2 * (c & 0xff));
    }
    int shift = 8 - LOOKUP_BITS;
    int r = (c >> 16) >> shift;
    int g = ((c >> 8) & 0xff) >> shift;
    int b = (c & 0xff) >> shift;
    int cell = (r << LOOKUP_BITS | g) << LOOKUP_BITS | b;
    if (!known[cell]) {
      int width = 1 << shift;
      lookup[cell] = (byte) nearest(2 * r * width + width - 1, 2 * g * width + width - 1,
          2 * b * width + width - 1);
      known[cell] = true;
    }
    return lookup[cell] & 0xff;
  }

  /** The index of the palette colour nearest {@code (r, g, b) / 2} (given in half levels). */
  private int nearest(int r, int g, int b) {
    int best = 0;
    long bestDistance = Long.MAX_VALUE;
    for (int i = 0; i < colours.length; i++) {
      long dr = r - 2 * (colours[i] >> 16);
      long dg = g - 2 * ((colours[i] >> 8) & 0xff);
      long db = b - 2 * (colours[i] & 0xff);
      long d = dr * dr + dg * dg + db * db;
      if (d < bestDistance) {
        best = i;
        bestDistance = d;
      }
    }
    return best;
  }

  private static int colour(byte[] rgb, int p) {
    return (rgb[p] & 0xff) << 16 | (rgb[p + 1] & 0xff) << 8 | (rgb[p + 2] & 0xff);
  }

  private static int bin(int c) {
    int shift = 8 - BIN_BITS;
    return ((c >> 16) >> shift) << (2 * BIN_BITS) | (((c >> 8) & 0xff) >> shift) << BIN_BITS
        | ((c & 0xff) >> shift);
  }

  /** Median cut over the non-empty histogram bins, each bin a point at its pixels' mean. */
  private static final class MedianCut {
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
}
