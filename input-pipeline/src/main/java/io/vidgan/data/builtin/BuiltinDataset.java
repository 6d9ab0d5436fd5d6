package io.vidgan.data.builtin;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.data.BadInputs;
import io.vidgan.data.Frames;
import io.vidgan.data.VideoDataset;
import io.vidgan.data.VideoInfo;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The built-in default dataset: procedural videos rendered in Java on demand, deterministic given
 * {@code (seed, index)}, at any resolution and length. Each video shows 2-4 textured shapes of one
 * {@link ShapeFamily} (the label, {@link #CLASSES} classes) moving with momentum and gravity,
 * bouncing off the edges, spinning and occluding each other and casting shadows, over a slowly
 * panning textured background, sometimes behind a drifting foreground pillar, under light whose
 * brightness, direction and tint change over time. Motion gives lres stages temporal structure to
 * learn; textures with detail up to about 60 cycles per frame height give sres stages
 * high-frequency content.
 *
 * <p>Spec syntax for {@link io.vidgan.data.Datasets#open}: {@code builtin} or {@code
 * builtin:videos=1024,seed=1,height=128,width=128,frames=256} (any subset of the keys).
 */
public final class BuiltinDataset implements VideoDataset {
  public static final int VIDEOS_DEFAULT = 1024;
  public static final long SEED_DEFAULT = 1;
  public static final int HEIGHT_DEFAULT = 128;
  public static final int WIDTH_DEFAULT = 128;
  public static final int FRAMES_DEFAULT = 256;

  /** Number of classes: one per shape family. */
  public static final int CLASSES = ShapeFamily.values().length;

  /** The dataset's size and shape. */
  public record Options(int videos, long seed, int height, int width, int frames) {
    public Options {
      checkArgument(videos > 0, "builtin videos must be positive, got %s", videos);
      checkArgument(height >= 8 && width >= 8, "builtin frames must be at least 8x8, got %sx%s",
          height, width);
      checkArgument(frames > 0, "builtin frames must be positive, got %s", frames);
    }

    /** The defaults: {@value #VIDEOS_DEFAULT} videos of 256 frames at 128x128, seed 1. */
    public static Options defaults() {
      return new Options(VIDEOS_DEFAULT, SEED_DEFAULT, HEIGHT_DEFAULT, WIDTH_DEFAULT,
          FRAMES_DEFAULT);
    }

    /**
     * Parses {@code key=value,...} over the defaults; keys are {@code videos, seed, height,
     * width, frames}.
     *
     * @throws IllegalArgumentException naming an unknown key or a bad value
     */
    public static Options parse(String text) {
      Map<String, Long> v = new LinkedHashMap<>(Map.of("videos", (long) VIDEOS_DEFAULT,
          "seed", SEED_DEFAULT, "height", (long) HEIGHT_DEFAULT, "width", (long) WIDTH_DEFAULT,
          "frames", (long) FRAMES_DEFAULT));
      for (String pair : text.isBlank() ? new String[0] : text.split(",")) {
        String[] kv = pair.split("=", 2);
        String key = kv[0].strip().toLowerCase(Locale.ROOT);
        checkArgument(kv.length == 2 && v.containsKey(key),
            "bad builtin option '%s': expected key=value with key one of %s", pair, v.keySet());
        try {
          v.put(key, Long.parseLong(kv[1].strip()));
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException("builtin option " + key + " must be an integer, got '"
              + kv[1] + "'", e);
        }
      }
      return new Options(Math.toIntExact(v.get("videos")), v.get("seed"),
          Math.toIntExact(v.get("height")), Math.toIntExact(v.get("width")),
          Math.toIntExact(v.get("frames")));
    }
  }

  private final Options options;
  private final BadInputs bad;

  public BuiltinDataset(Options options, BadInputs bad) {
    this.options = options;
    this.bad = bad;
  }

  @Override
  public String description() {
    return String.format(Locale.ROOT, "builtin:videos=%d,seed=%d,height=%d,width=%d,frames=%d",
        options.videos(), options.seed(), options.height(), options.width(), options.frames());
  }

  @Override
  public int size() {
    return options.videos();
  }

  @Override
  public VideoInfo info(int index) {
    checkArgument(index >= 0 && index < options.videos(), "video %s out of [0, %s)", index,
        options.videos());
    return new VideoInfo("builtin#" + index, options.frames(), options.height(), options.width(),
        scene(index).family.ordinal());
  }

  @Override
  public Frames read(int index, int from, int count, int stride) throws IOException {
    info(index).checkFrames(from, count, stride);
    Scene scene = scene(index);
    Motion motion = Motion.simulate(scene, from + (count - 1) * stride);
    int h = options.height();
    int w = options.width();
    byte[] rgb = new byte[count * h * w * 3];
    for (int k = 0; k < count; k++) {
      SceneRenderer.render(scene, motion, from + k * stride, h, w, rgb, k * h * w * 3);
    }
    return new Frames(count, h, w, rgb);
  }

  @Override
  public BadInputs badInputs() {
    return bad;
  }

  private Scene scene(int index) {
    return Scene.of(options.seed(), index, (double) options.width() / options.height());
  }
}
