package io.vidgan.savedmodel;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.graphs.config.InvalidConfigException;
import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * What an exported model is, stored inside it so that the model directory is all a user needs:
 * every stage's config ({@code assets.extra/vidgan/<stage>.pbtxt}, text-format {@code
 * StageConfig}) and {@code assets.extra/vidgan/manifest.properties} (stage order, where each
 * stage's weights came from, whether they are the EMA weights, the number of frames with their own
 * BN statistics, the temporal radius of each super-resolution stage, and the passes BN statistics
 * were re-estimated with).
 *
 * <p>{@code assets.extra} is the SavedModel directory for files the graph does not read.
 *
 * @param stages one entry per stage, first stage first
 * @param statPasses dummy passes the statistics were re-estimated with, 0 if they were not
 */
public record ModelManifest(List<Stage> stages, int statPasses) {
  /** Directory of the manifest inside the SavedModel directory. */
  public static final String DIR = "assets.extra/vidgan";
  public static final String FILE = "manifest.properties";
  public static final String FORMAT = "vidgan-savedmodel-2";

  /**
   * One exported stage.
   *
   * @param config the stage's config
   * @param checkpoint the checkpoint prefix its weights were read from
   * @param ema whether the weights are G's exponential moving average
   * @param statFrames frames (of this stage's video) with their own BN statistics: the trained
   *     length unless re-estimated for a longer video
   * @param temporalRadius super-resolution stages: output frames on each side of an output frame
   *     that it depends on ({@link ChunkPlan}); 0 for the first stage
   */
  public record Stage(StageConfig config, String checkpoint, boolean ema, int statFrames,
      int temporalRadius) {
    public Stage {
      checkArgument(statFrames >= config.getVideo().getFrames(),
          "stage '%s': %s frames of BN statistics is below the trained length", config.getName(),
          statFrames);
      checkArgument(temporalRadius >= 0, "stage '%s': temporal radius %s", config.getName(),
          temporalRadius);
    }
  }

  public ModelManifest {
    stages = List.copyOf(stages);
  }

  /** The stages as a validated chain. */
  public StageChain chain() {
    List<StageConfig> configs = new ArrayList<>();
    stages.forEach(s -> configs.add(s.config()));
    return StageChain.of(configs);
  }

  /** Writes the manifest and configs under {@code modelDir/}{@value #DIR}. */
  public void write(Path modelDir) throws IOException {
    Path dir = Files.createDirectories(modelDir.resolve(DIR));
    Properties p = new Properties();
    p.setProperty("format", FORMAT);
    List<String> names = new ArrayList<>();
    for (Stage s : stages) {
      String name = s.config().getName();
      names.add(name);
      Files.writeString(dir.resolve(name + ".pbtxt"), StageConfigs.toText(s.config()),
          StandardCharsets.UTF_8);
      p.setProperty(name + ".checkpoint", s.checkpoint());
      p.setProperty(name + ".ema", Boolean.toString(s.ema()));
      p.setProperty(name + ".stat_frames", Integer.toString(s.statFrames()));
      p.setProperty(name + ".temporal_radius", Integer.toString(s.temporalRadius()));
    }
    p.setProperty("stages", String.join(",", names));
    p.setProperty("stat_passes", Integer.toString(statPasses));
    StringWriter text = new StringWriter();
    p.store(text, "vidgan exported model: stages first to last; configs in <stage>.pbtxt");
    Files.writeString(dir.resolve(FILE), text.toString(), StandardCharsets.UTF_8);
  }

  /**
   * Reads the manifest of the model in {@code modelDir}.
   *
   * @throws InvalidModelException if it is missing or unreadable, naming the file
   */
  public static ModelManifest read(Path modelDir) throws IOException {
    Path dir = modelDir.resolve(DIR);
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      throw new InvalidModelException(modelDir + " has no " + DIR + "/" + FILE
          + ": not a model exported by bin/export-savedmodel");
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    }
    if (!FORMAT.equals(p.getProperty("format"))) {
      throw new InvalidModelException(file + ": format is '" + p.getProperty("format")
          + "', expected " + FORMAT);
    }
    try {
      List<Stage> stages = new ArrayList<>();
      for (String name : required(p, file, "stages").split(",")) {
        Path config = dir.resolve(name + ".pbtxt");
        if (!Files.isRegularFile(config)) {
          throw new InvalidModelException(modelDir + " has no config " + DIR + "/" + name
              + ".pbtxt");
        }
        stages.add(new Stage(StageConfigs.load(config), required(p, file, name + ".checkpoint"),
            Boolean.parseBoolean(required(p, file, name + ".ema")),
            Integer.parseInt(required(p, file, name + ".stat_frames")),
            Integer.parseInt(required(p, file, name + ".temporal_radius"))));
      }
      ModelManifest m = new ModelManifest(stages,
          Integer.parseInt(required(p, file, "stat_passes")));
      m.chain();
      return m;
    } catch (NumberFormatException | InvalidConfigException e) {
      throw new InvalidModelException(file + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new InvalidModelException(file + ": inconsistent stages: " + e.getMessage(), e);
    }
  }

  private static String required(Properties p, Path file, String key) {
    String v = p.getProperty(key);
    if (v == null) {
      throw new InvalidModelException(file + " has no entry '" + key + "'");
    }
    return v;
  }
}
