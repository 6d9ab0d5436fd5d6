package io.vidgan.graphs.config;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The stage presets under {@code configs/} ({@code paper/kinetics_lres}, {@code small/lres},
 * {@code tiny/sres}, ...), shipped on the classpath, and loading of a config by preset name or
 * file path.
 */
public final class Presets {
  private Presets() {}

  /** Loads preset {@code name} (e.g. {@code small/lres}). */
  public static StageConfig load(String name) throws IOException {
    String resource = "/configs/" + name + ".pbtxt";
    try (InputStream in = Presets.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new InvalidConfigException("no preset named '" + name + "' (looked for "
            + resource + " on the classpath)");
      }
      return StageConfigs.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8),
          "preset " + name);
    }
  }

  /** A file path if {@code nameOrPath} names an existing file, else a preset name. */
  public static StageConfig resolve(String nameOrPath) throws IOException {
    Path path = Path.of(nameOrPath);
    return Files.isRegularFile(path) ? StageConfigs.load(path) : load(nameOrPath);
  }
}
