package io.vidgan.savedmodel;

import static com.google.common.base.Preconditions.checkArgument;

import java.util.ArrayList;
import java.util.List;

/**
 * How a super-resolution stage applied to a whole low-res video is computed chunk by chunk with
 * exact halos, so memory does not grow with the video's length.
 *
 * <p>HVG §3.2 ("Inference") and SSW-GAN §3.2 apply each level convolutionally to the whole input,
 * without temporal cropping. The stage's only layers that mix frames are temporal convolutions
 * with zero ("SAME") padding, so an output frame depends on the {@code radius} output frames on
 * each side of it. Chunk {@code k} keeps the high-res frames of low-res frames {@code [keepFrom,
 * keepTo)} and is computed from low-res frames {@code [from, to)}: the kept range widened by
 * {@code halo = ceil(radius / timeFactor)} frames on each side, cut at the video's ends. A cut at
 * a true end is zero-padded exactly as the whole video is; the wrong frames next to a cut inside
 * the video lie within {@code radius} of it, in the halo, and are dropped. Batch norm reads stored
 * statistics at inference, so chunks are independent and the result equals one whole-video
 * application.
 *
 * <pre>{@code
 * length 10, chunk 4, halo 2: compute [0,6) keep [0,4); [2,10) keep [4,8); [6,10) keep [8,10)
 * }</pre>
 *
 * @see <a href="https://arxiv.org/abs/2106.02719">Castrejon et al., 2021, Hierarchical Video
 *     Generation for Complex Data</a>
 */
public final class ChunkPlan {
  /**
   * One call of the stage.
   *
   * @param from first low-res frame it is given
   * @param to one past the last low-res frame it is given
   * @param keepFrom first low-res frame whose high-res frames it passes on
   * @param keepTo one past the last such frame
   */
  public record Chunk(int from, int to, int keepFrom, int keepTo) {}

  private final int length;
  private final List<Chunk> chunks;

  private ChunkPlan(int length, List<Chunk> chunks) {
    this.length = length;
    this.chunks = List.copyOf(chunks);
  }

  /**
   * @param length low-res frames in the video, at least 1
   * @param chunk low-res frames kept per call, at least 1
   * @param halo low-res frames added on each side of the kept ones, at least 0
   */
  public static ChunkPlan of(int length, int chunk, int halo) {
    checkArgument(length >= 1, "length must be positive, got %s", length);
    checkArgument(chunk >= 1, "chunk must be positive, got %s", chunk);
    checkArgument(halo >= 0, "halo must be >= 0, got %s", halo);
    List<Chunk> chunks = new ArrayList<>();
    for (int keep = 0; keep < length; keep += chunk) {
      int keepTo = Math.min(keep + chunk, length);
      chunks.add(new Chunk(Math.max(0, keep - halo), Math.min(length, keepTo + halo), keep,
          keepTo));
    }
    return new ChunkPlan(length, chunks);
  }

  /** Low-res frames on each side of a chunk for a stage of this radius and time factor. */
  public static int halo(int temporalRadius, int timeFactor) {
    checkArgument(temporalRadius >= 0 && timeFactor >= 1, "need radius >= 0 and time factor >= 1,"
        + " got %s and %s", temporalRadius, timeFactor);
    return (temporalRadius + timeFactor - 1) / timeFactor;
  }

  /**
   * The chunk used when none is chosen: the trained window, or four times the halo if larger, so
   * at most a third of a call's frames are halo (computed twice: once as halo, once kept). With
   * twice the halo, half of a call was halo and a long video's super-resolution computed nearly
   * 2x its frames (1.94x for 50 low-res frames, halo 3); with four times, 1.46x, for calls 1.5x
   * as long (memory per call grows with them, never with the video's length).
   */
  public static int defaultChunk(int window, int halo) {
    return Math.max(window, 4 * halo);
  }

  /** Low-res frames in the video. */
  public int length() {
    return length;
  }

  /** The chunks in order; their kept ranges tile {@code [0, length)}. */
  public List<Chunk> chunks() {
    return chunks;
  }
}
