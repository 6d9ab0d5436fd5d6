package io.vidgan.data.source;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Conventions shared by the file-based readers: which names are frames or videos, the order of
 * frames ({@code frame_2.jpg} before {@code frame_10.jpg}), and labels from class folders.
 */
public final class FileNames {
  /** Frame image extensions. */
  public static final Set<String> IMAGES = Set.of("png", "jpg", "jpeg");

  /** Video file extensions, decoded by {@link io.vidgan.data.io.VideoDecoder}. */
  public static final Set<String> VIDEOS = Set.of("mp4", "avi", "webm", "mkv", "mov", "m4v",
      "mpg", "mpeg", "gif");

  /** Compares names with digit runs compared as numbers. */
  public static final Comparator<String> NATURAL_ORDER = FileNames::compareNatural;

  private FileNames() {}

  /** The lower-case extension of {@code name}, or "". */
  public static String extension(String name) {
    int dot = name.lastIndexOf('.');
    int slash = name.lastIndexOf('/');
    return dot > slash ? name.substring(dot + 1).toLowerCase(Locale.ROOT) : "";
  }

  public static boolean isImage(Path p) {
    return IMAGES.contains(extension(p.getFileName().toString()));
  }

  public static boolean isVideo(Path p) {
    return VIDEOS.contains(extension(p.getFileName().toString()));
  }

  /**
   * Labels videos by the folder they are in: when every video path (relative to the dataset root,
   * {@code /}-separated) has a parent folder, e.g. {@code riding/clip_7}, the label is the index of
   * that folder among the sorted distinct folders (UCF-101 style class folders); otherwise every
   * label is -1 (unlabelled).
   */
  public static int[] classLabels(List<String> relativePaths) {
    int[] labels = new int[relativePaths.size()];
    Map<String, Integer> classes = new TreeMap<>(NATURAL_ORDER);
    List<String> parents = new ArrayList<>();
    for (String path : relativePaths) {
      int slash = path.lastIndexOf('/');
      if (slash <= 0) {
        Arrays.fill(labels, -1);
        return labels;
      }
      parents.add(path.substring(0, slash));
      classes.put(path.substring(0, slash), 0);
    }
    int next = 0;
    for (Map.Entry<String, Integer> e : classes.entrySet()) {
      e.setValue(next++);
    }
    for (int i = 0; i < labels.length; i++) {
      labels[i] = classes.get(parents.get(i));
    }
    return labels;
  }

  /**
   * Names a list of files in messages: the file itself, or its folder and the count, e.g. {@code
   * /data/kinetics (512 shards)}.
   */
  public static String describe(List<Path> files, String noun) {
    return files.size() == 1 ? files.get(0).toString()
        : files.get(0).getParent() + " (" + files.size() + " " + noun + ")";
  }

  /** {@code child} relative to {@code root} with {@code /} separators. */
  public static String relative(Path root, Path child) {
    return root.relativize(child).toString().replace('\\', '/');
  }

  private static int compareNatural(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      char ca = a.charAt(i);
      char cb = b.charAt(j);
      if (Character.isDigit(ca) && Character.isDigit(cb)) {
        int ei = digitsEnd(a, i);
        int ej = digitsEnd(b, j);
        String na = a.substring(i, ei).replaceFirst("^0+(?=.)", "");
        String nb = b.substring(j, ej).replaceFirst("^0+(?=.)", "");
        int c = na.length() != nb.length() ? Integer.compare(na.length(), nb.length())
            : na.compareTo(nb);
        if (c != 0) {
          return c;
        }
        i = ei;
        j = ej;
      } else {
        if (ca != cb) {
          return Character.compare(ca, cb);
        }
        i++;
        j++;
      }
    }
    int c = Integer.compare(a.length() - i, b.length() - j);
    return c != 0 ? c : a.compareTo(b);
  }

  private static int digitsEnd(String s, int from) {
    int k = from;
    while (k < s.length() && Character.isDigit(s.charAt(k))) {
      k++;
    }
    return k;
  }
}
