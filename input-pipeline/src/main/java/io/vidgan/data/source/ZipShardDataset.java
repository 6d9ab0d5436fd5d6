package io.vidgan.data.source;

import io.vidgan.data.BadInputs;
import io.vidgan.data.DatasetException;
import io.vidgan.data.ReadLimits;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Videos in ZIP shards of frame images, LongVideoGAN's layout: one ZIP per shard, one folder per
 * video inside it ({@code video_x/000001.jpg ...}); other files (LongVideoGAN's {@code
 * frame_paths.json}) are ignored. Frames are read straight from the archive, never extracted.
 *
 * <p>An entry is read only up to {@link ReadLimits#MAX_FRAME_BYTES}, whatever its header declares
 * (a "zip bomb" frame is a bad input, not an out-of-memory error). An entry whose name is absolute
 * or contains a {@code ..} segment (a "zip slip" path that would land outside the archive's folder
 * if extracted) is rejected as a bad input.
 *
 * @see <a href="https://github.com/NVlabs/long-video-gan">Brooks et al., 2022, Generating Long
 *     Videos of Dynamic Scenes (code: dataset layout)</a>
 */
public final class ZipShardDataset extends EncodedFrameDataset {
  private final String description;
  private final List<ZipFile> zips = new ArrayList<>();
  private final List<String> ids = new ArrayList<>();
  private final List<List<ZipEntry>> entries = new ArrayList<>();
  private final List<ZipFile> owners = new ArrayList<>();
  private final int[] labels;

  /** @throws DatasetException if no shard holds a video, or a shard is bad and not skipped */
  public ZipShardDataset(List<Path> shards, BadInputs bad) throws IOException {
    super(bad);
    List<String> folders = new ArrayList<>();
    for (Path shard : shards) {
      ZipFile zip;
      try {
        zip = new ZipFile(shard.toFile());
      } catch (ZipException e) {
        bad.handle(new DatasetException(shard.toString(), "not a ZIP archive (" + e.getMessage()
            + ")", e));
        continue;
      } catch (IOException e) {
        bad.handle(new DatasetException(shard.toString(), "cannot be read (" + e + ")", e));
        continue;
      }
      zips.add(zip);
      for (Map.Entry<String, List<ZipEntry>> video : videos(shard, zip, bad).entrySet()) {
        folders.add(video.getKey());
        ids.add(shard + "!" + video.getKey());
        entries.add(video.getValue());
        owners.add(zip);
      }
    }
    String where = FileNames.describe(shards, "shards");
    if (ids.isEmpty()) {
      close();
      throw new DatasetException(where, "no frame folders in the ZIP shards");
    }
    this.description = "zip:" + where;
    this.labels = FileNames.classLabels(folders);
  }

  /** The shard's frame folders, in natural order, each with its frames in natural order. */
  private static Map<String, List<ZipEntry>> videos(Path shard, ZipFile zip, BadInputs bad)
      throws DatasetException {
    Map<String, List<ZipEntry>> videos = new TreeMap<>(FileNames.NATURAL_ORDER);
    Enumeration<? extends ZipEntry> all = zip.entries();
    while (all.hasMoreElements()) {
      ZipEntry entry = all.nextElement();
      String name = entry.getName();
      if (unsafe(name)) {
        bad.handle(new DatasetException(shard + "!" + name, "unsafe entry name (absolute or with "
            + "'..'): rejected, nothing outside the archive is read or written"));
      } else if (!entry.isDirectory() && FileNames.IMAGES.contains(FileNames.extension(name))) {
        int slash = name.lastIndexOf('/');
        String folder = slash < 0 ? "" : name.substring(0, slash);
        videos.computeIfAbsent(folder, k -> new ArrayList<>()).add(entry);
      }
    }
    for (List<ZipEntry> frames : videos.values()) {
      frames.sort((a, b) -> FileNames.NATURAL_ORDER.compare(a.getName(), b.getName()));
    }
    return videos;
  }

  private static boolean unsafe(String name) {
    if (name.startsWith("/") || name.contains("\\") || name.matches("^[A-Za-z]:.*")) {
      return true;
    }
    for (String segment : name.split("/")) {
      if (segment.equals("..")) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public int size() {
    return ids.size();
  }

  @Override
  protected EncodedVideo video(int index) {
    ZipFile zip = owners.get(index);
    List<ZipEntry> frames = entries.get(index);
    String prefix = zip.getName() + "!";
    return new EncodedVideo(ids.get(index), labels[index],
        frames.stream().map(e -> prefix + e.getName()).toList(), i -> {
          try (InputStream in = zip.getInputStream(frames.get(i))) {
            return ReadLimits.readFrame(in, frames.get(i).getSize(), prefix
                + frames.get(i).getName());
          }
        });
  }

  @Override
  public void close() throws IOException {
    for (ZipFile zip : zips) {
      zip.close();
    }
  }
}
