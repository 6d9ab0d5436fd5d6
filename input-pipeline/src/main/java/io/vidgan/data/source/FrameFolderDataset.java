package io.vidgan.data.source;

import io.vidgan.data.BadInputs;
import io.vidgan.data.DatasetException;
import io.vidgan.data.ReadLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * A folder of videos stored as frame-image folders, {@code root/video_x/000001.jpg ...} (or
 * {@code root/class/video_x/...}, which labels videos by class folder, see {@link
 * FileNames#classLabels}). Every folder holding {@code .png/.jpg/.jpeg} files is a video; its
 * frames are its images in natural order. A folder with neither frames nor subfolders is a bad
 * input ("empty folder").
 */
public final class FrameFolderDataset extends EncodedFrameDataset {
  private final Path root;
  private final List<Path> folders = new ArrayList<>();
  private final List<List<Path>> frames = new ArrayList<>();
  private final int[] labels;

  /** @throws DatasetException if no frame folder is found, or a folder is empty and not skipped */
  public FrameFolderDataset(Path root, BadInputs bad) throws IOException {
    super(bad);
    this.root = root;
    List<Path> dirs;
    try (Stream<Path> walk = Files.walk(root)) {
      dirs = walk.filter(Files::isDirectory)
          .sorted((a, b) -> FileNames.NATURAL_ORDER.compare(FileNames.relative(root, a),
              FileNames.relative(root, b)))
          .toList();
    }
    for (Path dir : dirs) {
      index(dir, bad);
    }
    if (folders.isEmpty()) {
      throw new DatasetException(root.toString(), "no frame folders (folders of .png/.jpg "
          + "frames) found");
    }
    this.labels = FileNames.classLabels(folders.stream()
        .map(f -> FileNames.relative(root, f)).toList());
  }

  private void index(Path dir, BadInputs bad) throws IOException {
    List<Path> images = new ArrayList<>();
    boolean hasSubfolders = false;
    try (Stream<Path> children = Files.list(dir)) {
      for (Path child : children.toList()) {
        if (Files.isDirectory(child)) {
          hasSubfolders = true;
        } else if (FileNames.isImage(child)) {
          images.add(child);
        }
      }
    }
    if (!images.isEmpty()) {
      images.sort((a, b) -> FileNames.NATURAL_ORDER.compare(a.getFileName().toString(),
          b.getFileName().toString()));
      folders.add(dir);
      frames.add(images);
    } else if (!hasSubfolders && !dir.equals(root)) {
      bad.handle(new DatasetException(dir.toString(), "empty folder (no .png/.jpg frames)"));
    }
  }

  @Override
  public String description() {
    return "frames:" + root + " (" + folders.size() + " videos)";
  }

  @Override
  public int size() {
    return folders.size();
  }

  @Override
  protected EncodedVideo video(int index) {
    List<Path> files = frames.get(index);
    return new EncodedVideo(folders.get(index).toString(), labels[index],
        files.stream().map(Path::toString).toList(), i -> readFrame(files.get(i)));
  }

  private static byte[] readFrame(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      return ReadLimits.readFrame(in, Files.size(file), file.toString());
    }
  }
}
