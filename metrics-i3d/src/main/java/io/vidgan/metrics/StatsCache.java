package io.vidgan.metrics;

import com.google.common.hash.Hashing;
import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Real-data feature statistics on disk, so a dataset is embedded once per protocol and weights.
 *
 * <p>A key is a set of named fields (dataset description, protocol, clip count, seed, resolution,
 * I3D weights hash, preprocessing); the file is {@code <dir>/<sha256 of the key>.stats} and starts
 * with the key's text, which is checked on load and readable with {@code head}. Entries are written
 * atomically ({@link AtomicFile}), so a crash never leaves a half-written one.
 */
public final class StatsCache {
  private static final String MAGIC = "vidgan-fvd-stats v1\n";

  private final Path dir;

  public StatsCache(Path dir) {
    this.dir = dir;
  }

  /** The key text of {@code fields}: {@code name=value} lines in the map's order. */
  public static String key(Map<String, ?> fields) {
    return fields.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
        .collect(Collectors.joining("\n", "", "\n"));
  }

  /** Where the entry for {@code key} lives. */
  public Path file(String key) {
    return dir.resolve(Hashing.sha256().hashString(key, StandardCharsets.UTF_8) + ".stats");
  }

  /**
   * The statistics stored under {@code key}, if any.
   *
   * @throws IOException if the entry exists but cannot be read (delete it to recompute)
   */
  public Optional<ClipFeatures> load(String key) throws IOException {
    Path file = file(key);
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try (DataInputStream in = new DataInputStream(new BufferedInputStream(
        Files.newInputStream(file)))) {
      String header = new String(in.readNBytes(MAGIC.length()), StandardCharsets.UTF_8);
      if (!header.equals(MAGIC) || !in.readUTF().equals(key)) {
        throw new IOException(file + ": not a statistics file for this key");
      }
      return Optional.of(ClipFeatures.readStatistics(in));
    } catch (IOException e) {
      throw new IOException("cannot read cached statistics " + file + " (delete it to recompute): "
          + e.getMessage(), e);
    }
  }

  /** Stores {@code features}' statistics under {@code key}; returns the file. */
  public Path store(String key, ClipFeatures features) throws IOException {
    Path file = file(key);
    AtomicFile.write(file, stream -> {
      DataOutputStream out = new DataOutputStream(stream);
      out.write(MAGIC.getBytes(StandardCharsets.UTF_8));
      out.writeUTF(key);
      features.writeStatistics(out);
      out.flush();
    });
    return file;
  }

}
