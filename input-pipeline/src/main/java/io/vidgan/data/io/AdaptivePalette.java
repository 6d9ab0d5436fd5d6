package io.vidgan.data.io;

import java.awt.image.IndexColorModel;
import java.util.Arrays;

/**
 * One palette of at most 256 colours for a whole animation, chosen from every pixel of every
 * frame: the video's own colours when it has at most 256 distinct ones (the GIF is then
 * lossless), otherwise median cut. Pixels map to their nearest palette colour (squared RGB
 * distance; beyond 256 colours, the colour nearest their cell of a 6-bit-per-channel grid) without
 * dithering, so a flat area stays one palette index.
 *
 * <p>Beyond 256 colours: {@link MedianCut} on a histogram of 5 bits per channel.
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
}
