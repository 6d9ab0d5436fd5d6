package io.vidgan.savedmodel;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.graphs.config.StageConfig;
import io.vidgan.graphs.config.StageConfigs;
import io.vidgan.graphs.config.StageLink;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The stages of a hierarchical video GAN in the order they run: a first stage making whole
 * low-res clips, then super-resolution stages each upsampling the video below (HVG §3). Checks
 * that the stages fit together and derives the lengths of every stage's video.
 *
 * @see <a href="https://arxiv.org/abs/2106.02719">Castrejon et al., 2021, Hierarchical Video
 *     Generation for Complex Data</a>
 */
public final class StageChain {
  private final List<StageConfig> stages;

  private StageChain(List<StageConfig> stages) {
    this.stages = List.copyOf(stages);
  }

  /**
   * @param stages first stage first
   * @throws IllegalArgumentException naming the stage that does not fit
   */
  public static StageChain of(List<StageConfig> stages) {
    checkArgument(!stages.isEmpty(), "a chain needs at least a first stage");
    checkArgument(stages.get(0).getKind() == StageConfig.Kind.LOW_RES,
        "the first stage must be LOW_RES, got %s stage '%s'", stages.get(0).getKind(),
        stages.get(0).getName());
    Set<String> names = new HashSet<>();
    int length = stages.get(0).getVideo().getFrames();
    for (int k = 0; k < stages.size(); k++) {
      StageConfig c = stages.get(k);
      checkArgument(names.add(c.getName()), "two stages are named '%s'", c.getName());
      if (k == 0) {
        continue;
      }
      StageLink.check(stages.get(k - 1), c);
      int window = window(c);
      checkArgument(length >= window, "stage '%s' needs windows of %s frames but the "
          + "chain's trained length gives it %s", c.getName(), window, length);
      length *= timeFactor(c);
    }
    return new StageChain(stages);
  }

  /** All stages, first stage first. */
  public List<StageConfig> stages() {
    return stages;
  }

  public StageConfig first() {
    return stages.get(0);
  }

  /** The super-resolution stages, lowest first. */
  public List<StageConfig> superResolution() {
    return stages.subList(1, stages.size());
  }

  /** The top stage, whose video is the chain's output. */
  public StageConfig top() {
    return stages.get(stages.size() - 1);
  }

  public int numClasses() {
    return first().getNumClasses();
  }

  /** Low-res frames a super-resolution stage takes per window. */
  public static int window(StageConfig superRes) {
    return StageConfigs.lowResShape(superRes).getFrames();
  }

  /** High-res frames a super-resolution stage makes per low-res frame. */
  public static int timeFactor(StageConfig superRes) {
    return superRes.getLowRes().getTimeFactor();
  }

  /** Frames of the chain's output for the first stage's trained length. */
  public int trainedLength() {
    return lengthsFor(0)[stages.size() - 1];
  }

  /**
   * Frames every stage makes so that the top stage yields at least {@code frames} frames: the
   * first stage makes {@code ceil(frames / product of the time factors)} and every
   * super-resolution stage upsamples the whole video below it, so the top entry may exceed {@code
   * frames} (the surplus is dropped, after the stage saw the whole video as HVG §3.2 applies it).
   *
   * @param frames wanted output frames; 0 asks for the trained length
   */
  public int[] lengthsFor(int frames) {
    checkArgument(frames >= 0, "frames must be >= 0, got %s", frames);
    int[] lengths = new int[stages.size()];
    int product = 1;
    for (StageConfig c : superResolution()) {
      product *= timeFactor(c);
    }
    lengths[0] = frames == 0 ? first().getVideo().getFrames() : (frames + product - 1) / product;
    for (int k = 1; k < stages.size(); k++) {
      lengths[k] = lengths[k - 1] * timeFactor(stages.get(k));
    }
    return lengths;
  }
}
