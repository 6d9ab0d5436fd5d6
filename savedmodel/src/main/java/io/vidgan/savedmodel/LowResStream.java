package io.vidgan.savedmodel;

import io.vidgan.graphs.config.VideoShape;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.tensorflow.Result;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.types.TFloat32;
import org.tensorflow.types.TInt32;

/**
 * The first stage of an exported model making a video of any length chunk by chunk ({@value
 * SignatureNames#GENERATE_LRES_CHUNK}): each call makes the next trained-length clip from the
 * ConvGRU states the previous one ended with, reading the BN statistics of its frames' positions
 * in the video (DVD-GAN's generator "unrolled" further, SSW-GAN App. A). Memory per call is that
 * of one trained-length clip, whatever the video's length; the result equals one long unroll.
 */
final class LowResStream {
  private LowResStream() {}

  /**
   * Sends the first {@code frames} frames of the videos to {@code sink}.
   *
   * @param z {@code [B, latent]}
   * @param labels {@code [B]}, or null for an unconditional model
   */
  static void run(ExportedModel model, TFloat32 z, TInt32 labels, int frames, FrameSink sink)
      throws IOException {
    Signature signature = model.signature(SignatureNames.GENERATE_LRES_CHUNK);
    int batch = Math.toIntExact(z.shape().get(0));
    VideoShape v = model.manifest().chain().first().getVideo();
    int chunk = v.getFrames();
    int frameSize = v.getHeight() * v.getWidth() * 3;
    List<TFloat32> states = new ArrayList<>();
    try {
      for (int i = 0; signature.getInputs().containsKey(SignatureNames.state(i)); i++) {
        long[] dims = signature.getInputs().get(SignatureNames.state(i)).shape.asArray();
        dims[0] = batch;
        Shape shape = Shape.of(dims);
        states.add(Tensors.of(shape, new float[Math.toIntExact(shape.size())]));
      }
      for (int offset = 0; offset < frames; offset += chunk) {
        float[] video;
        try (TInt32 at = TInt32.scalarOf(offset);
            Result out = model.call(SignatureNames.GENERATE_LRES_CHUNK,
                inputs(z, labels, at, states))) {
          video = Tensors.values(out.get(SignatureNames.VIDEO).orElseThrow());
          for (int i = 0; i < states.size(); i++) {
            TFloat32 next = (TFloat32) out.get(SignatureNames.state(i)).orElseThrow();
            states.get(i).close();
            states.set(i, Tensors.of(next.shape(), Tensors.values(next)));
          }
        }
        for (int t = 0; t < chunk && offset + t < frames; t++) {
          sink.accept(TimeSteps.step(video, 0, batch, chunk, frameSize, t));
        }
      }
    } finally {
      states.forEach(Tensor::close);
    }
  }

  private static Map<String, Tensor> inputs(TFloat32 z, TInt32 labels, TInt32 offset,
      List<TFloat32> states) {
    Map<String, Tensor> in = new LinkedHashMap<>();
    in.put(SignatureNames.Z, z);
    if (labels != null) {
      in.put(SignatureNames.LABELS, labels);
    }
    in.put(SignatureNames.FRAME_OFFSET, offset);
    for (int i = 0; i < states.size(); i++) {
      in.put(SignatureNames.state(i), states.get(i));
    }
    return in;
  }
}
