package io.vidgan.data;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.cli.UsageException;
import io.vidgan.data.builtin.BuiltinDataset;
import io.vidgan.data.source.FileNames;
import io.vidgan.data.source.FrameFolderDataset;
import io.vidgan.data.source.TfRecordDataset;
import io.vidgan.data.source.VideoFileDataset;
import io.vidgan.data.source.ZipShardDataset;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

/**
 * Opens a dataset from a spec string, the {@code --data} flag of every command:
 *
 * <ul>
 *   <li>{@code builtin} or {@code builtin:videos=512,seed=1,height=128,width=128,frames=64}: the
 *       procedural dataset ({@link BuiltinDataset}), the default;
 *   <li>a directory of {@code *.tfrecord} shards ({@link TfRecordDataset}), of {@code *.zip}
 *       shards ({@link ZipShardDataset}), of video files, or of frame folders ({@link
 *       FrameFolderDataset}), detected in that order;
 *   <li>a single {@code .tfrecord}, {@code .zip} or video file, or a comma-separated list of
 *       files of one kind.
 * </ul>
 *
 * <p>A LongVideoGAN dataset root (subfolders {@code 0036x0064}, {@code 0144x0256}, ...) is
 * recognised and the error says which subfolders to pass.
 */
public final class Datasets {
  /** The spec of the built-in dataset. */
  public static final String BUILTIN = "builtin";

  private enum Kind { TFRECORD, ZIP, VIDEO }

  private Datasets() {}

  /**
   * @param skipBad skip and count bad inputs instead of failing ({@link BadInputs})
   * @throws DatasetException naming the path if it is missing or holds nothing usable
   */
  public static VideoDataset open(String spec, boolean skipBad) throws IOException {
    return open(spec, new BadInputs(skipBad), 0);
  }

  /**
   * @param fps resample video files to this frame rate (0 keeps the native rate)
   * @throws IllegalArgumentException if {@code fps} is given for a source that is not video files
   */
  public static VideoDataset open(String spec, BadInputs bad, double fps) throws IOException {
    checkArgument(!spec.isBlank(), "dataset spec is empty");
    if (spec.equals(BUILTIN) || spec.startsWith(BUILTIN + ":")) {
      checkFps(fps, false, spec);
      String options = spec.equals(BUILTIN) ? "" : spec.substring(BUILTIN.length() + 1);
      return new BuiltinDataset(BuiltinDataset.Options.parse(options), bad);
    }
    Path path = Path.of(spec);
    if (Files.isDirectory(path)) {
      return openDirectory(path, bad, fps);
    }
    List<Path> files = new ArrayList<>();
    for (String part : Files.exists(path) ? new String[] {spec} : spec.split(",")) {
      Path file = Path.of(part.strip());
      Optional<String> unusable = unusable(file);
      if (unusable.isPresent()) {
        throw new DatasetException(file.toString(), unusable.get());
      }
      files.add(file);
    }
    Kind kind = kind(files.get(0));
    for (Path f : files) {
      if (kind(f) != kind) {
        throw new DatasetException(f.toString(), "is not a " + name(kind) + " like "
            + files.get(0) + " (expected .tfrecord, .zip or a video file)");
      }
    }
    return openFiles(kind, files, bad, fps, spec);
  }

  /**
   * Opens the dataset a command-line flag gives: a spec that is malformed, missing or holds
   * nothing usable is a usage error naming the flag and the file.
   */
  public static VideoDataset openFlag(String flag, String spec, BadInputs bad, double fps)
      throws IOException {
    try {
      return open(spec, bad, fps);
    } catch (IllegalArgumentException | DatasetException e) {
      throw new UsageException("--" + flag + ": " + e.getMessage(), e);
    }
  }

  private static VideoDataset openDirectory(Path dir, BadInputs bad, double fps)
      throws IOException {
    List<Path> children;
    try (Stream<Path> list = Files.list(dir)) {
      children = list.sorted((a, b) -> FileNames.NATURAL_ORDER.compare(a.toString(),
          b.toString())).toList();
    }
    for (Kind kind : List.of(Kind.TFRECORD, Kind.ZIP)) {
      List<Path> named = children.stream().filter(p -> kindOrNull(p) == kind).toList();
      if (!named.isEmpty()) {
        return openFiles(kind, usable(dir, named, bad), bad, fps, dir.toString());
      }
    }
    if (contains(dir, FileNames::isVideo)) {
      return VideoFileDataset.inDirectory(dir, fps, bad);
    }
    if (contains(dir, FileNames::isImage)) {
      checkFps(fps, false, dir.toString());
      return new FrameFolderDataset(dir, bad);
    }
    List<String> resolutions = children.stream().filter(Files::isDirectory)
        .map(p -> p.getFileName().toString()).filter(n -> n.matches("\\d{4}x\\d{4}")).toList();
    if (!resolutions.isEmpty()) {
      throw new DatasetException(dir.toString(), "holds one folder per resolution "
          + resolutions + " (LongVideoGAN layout): pass one of them, e.g. "
          + dir.resolve(resolutions.get(0)));
    }
    throw new DatasetException(dir.toString(), "no dataset found: expected *.tfrecord shards, "
        + "*.zip shards, video files (" + String.join(", ", FileNames.VIDEOS.stream().sorted()
        .toList()) + "), or folders of .png/.jpg frames");
  }

  private static VideoDataset openFiles(Kind kind, List<Path> files, BadInputs bad, double fps,
      String spec) throws IOException {
    checkFps(fps, kind == Kind.VIDEO, spec);
    return switch (kind) {
      case TFRECORD -> new TfRecordDataset(files, bad);
      case ZIP -> new ZipShardDataset(files, bad);
      case VIDEO -> new VideoFileDataset(files, unlabelled(files.size()), fps, bad);
    };
  }

  /**
   * The shards of {@code named} that can be opened. Every other one (a dangling link, a directory,
   * an unreadable file) is a bad input naming it: fatal, or skipped and counted, never ignored.
   */
  private static List<Path> usable(Path dir, List<Path> named, BadInputs bad)
      throws DatasetException {
    List<Path> usable = new ArrayList<>();
    for (Path p : named) {
      Optional<String> problem = unusable(p);
      if (problem.isPresent()) {
        bad.handle(new DatasetException(p.toString(), problem.get()));
      } else {
        usable.add(p);
      }
    }
    if (usable.isEmpty()) {
      throw new DatasetException(dir.toString(), "none of its " + named.size() + " shards can "
          + "be opened");
    }
    return usable;
  }

  /** Why {@code file} cannot be read as a dataset file, if it cannot. */
  private static Optional<String> unusable(Path file) {
    if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of("does not exist");
    }
    if (!Files.exists(file)) {
      return Optional.of("is a symbolic link to a missing file");
    }
    if (!Files.isRegularFile(file)) {
      return Optional.of("is not a regular file");
    }
    return Files.isReadable(file) ? Optional.empty() : Optional.of("cannot be read (permission "
        + "denied)");
  }

  private static Kind kindOrNull(Path file) {
    String name = file.getFileName().toString();
    if (name.contains(".tfrecord")) {
      return Kind.TFRECORD;
    }
    if (FileNames.extension(name).equals("zip")) {
      return Kind.ZIP;
    }
    return FileNames.isVideo(file) ? Kind.VIDEO : null;
  }

  private static Kind kind(Path file) throws DatasetException {
    Kind kind = kindOrNull(file);
    if (kind != null) {
      return kind;
    }
    throw new DatasetException(file.toString(), "not a dataset file: expected *.tfrecord, "
        + "*.zip, or a video file (" + String.join(", ", FileNames.VIDEOS.stream().sorted()
        .toList()) + ")");
  }

  private static String name(Kind kind) {
    return switch (kind) {
      case TFRECORD -> "TFRecord file";
      case ZIP -> "ZIP shard";
      case VIDEO -> "video file";
    };
  }

  private static boolean contains(Path dir, Predicate<Path> wanted) throws IOException {
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.anyMatch(p -> Files.isRegularFile(p) && wanted.test(p));
    }
  }

  private static void checkFps(double fps, boolean videoFiles, String spec) {
    checkArgument(fps == 0 || videoFiles,
        "a frame rate applies to video files only; %s is not a video source", spec);
  }

  private static int[] unlabelled(int n) {
    int[] labels = new int[n];
    Arrays.fill(labels, -1);
    return labels;
  }
}
