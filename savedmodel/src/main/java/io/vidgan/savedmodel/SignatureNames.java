package io.vidgan.savedmodel;

import io.vidgan.graphs.config.StageConfig;
import java.util.ArrayList;
import java.util.List;

/**
 * The names of an exported model's signatures and of their inputs and outputs: the API a
 * SavedModel offers to Java ({@code SavedModelBundle.function}) and Python ({@code
 * loaded.signatures[...]}). Every input and output is a plain float32 or int32 tensor.
 *
 * <ul>
 *   <li>{@value #GENERATE_LRES}: {@code z [B, Z]}, {@code labels [B]} (conditional models) ->
 *       {@code video [B, T, H, W, 3]}, the first stage's clip of its trained length.
 *   <li>{@value #GENERATE_LRES_CHUNK}: the same plus {@code frame_offset} (scalar int32, the
 *       chunk's first frame in the video) and {@code state_i [B, h_i, w_i, c_i]} (one ConvGRU
 *       state per unit) -> {@code video} (the next {@code T} frames) and {@code state_i} (the
 *       states to continue from). Start a video with offset 0 and zero states.
 *   <li>{@code upsample_<stage>}: {@code low_res [B, T', H', W', 3]} (any {@code T' >= 1}),
 *       {@code z}, {@code labels}, {@code frame_offset} (scalar int32, default 0: the index in the
 *       whole video of the first output frame, which picks its BN statistics) -> {@code video [B,
 *       T' * time_factor, H, W, 3]}: the stage applied to the clip as to a whole video, zero
 *       padding at both ends of the clip. A long video is upsampled in chunks by {@link
 *       ChunkPlan}.
 *   <li>{@value #GENERATE}: {@code z}, {@code labels}, {@code z_<stage>} for every
 *       super-resolution stage -> {@code video} (the top stage's video for the first stage's
 *       trained length, every stage applied to the whole video below it) and {@code
 *       video_<stage>} for every stage below the top.
 * </ul>
 */
public final class SignatureNames {
  public static final String GENERATE_LRES = "generate_lres";
  public static final String GENERATE_LRES_CHUNK = "generate_lres_chunk";
  public static final String GENERATE = "generate";
  public static final String METHOD = "tensorflow/serving/predict";

  public static final String Z = "z";
  public static final String LABELS = "labels";
  public static final String LOW_RES = "low_res";
  public static final String FRAME_OFFSET = "frame_offset";
  public static final String VIDEO = "video";

  private SignatureNames() {}

  /** The signature of super-resolution stage {@code stage}. */
  public static String upsample(String stage) {
    return "upsample_" + stage;
  }

  /** Input and output name of unit {@code i}'s ConvGRU state in the chunk signature. */
  public static String state(int i) {
    return "state_" + i;
  }

  /** The chain's noise input of super-resolution stage {@code stage}. */
  public static String latent(String stage) {
    return "z_" + stage;
  }

  /** The chain's output of the video made by stage {@code stage} (stages below the top). */
  public static String video(String stage) {
    return "video_" + stage;
  }

  /** Every signature a model of these stages (first stage first) has. */
  public static List<String> all(List<StageConfig> chain) {
    List<String> names = new ArrayList<>(List.of(GENERATE_LRES, GENERATE_LRES_CHUNK));
    for (StageConfig c : chain.subList(1, chain.size())) {
      names.add(upsample(c.getName()));
    }
    names.add(GENERATE);
    return names;
  }
}
