package io.vidgan.savedmodel;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.tensorflow.Result;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Signature;
import org.tensorflow.Tensor;
import org.tensorflow.exceptions.TensorFlowException;

/**
 * A model written by {@link ModelExporter}, loaded: its {@link ModelManifest} and a session
 * running its {@link SignatureNames signatures}. Loading checks everything generation needs, so a
 * wrong directory fails here with one message instead of in the middle of a video.
 */
public final class ExportedModel implements AutoCloseable {
  public static final String SAVED_MODEL_FILE = "saved_model.pb";

  private final Path dir;
  private final ModelManifest manifest;
  private final SavedModelBundle bundle;

  private ExportedModel(Path dir, ModelManifest manifest, SavedModelBundle bundle) {
    this.dir = dir;
    this.manifest = manifest;
    this.bundle = bundle;
  }

  /**
   * Loads the model in {@code dir}.
   *
   * @throws InvalidModelException if {@code dir} is missing, not a SavedModel, has no vidgan
   *     manifest, or lacks a signature its stages need
   */
  public static ExportedModel load(Path dir) throws java.io.IOException {
    if (!Files.isDirectory(dir)) {
      throw new InvalidModelException(dir + (Files.exists(dir) ? " is not a directory"
          : " does not exist"));
    }
    if (!Files.isRegularFile(dir.resolve(SAVED_MODEL_FILE))) {
      throw new InvalidModelException(dir + " is not a SavedModel (no " + SAVED_MODEL_FILE + ")");
    }
    ModelManifest manifest = ModelManifest.read(dir);
    SavedModelBundle bundle;
    try {
      bundle = SavedModelBundle.load(dir.toString(), SavedModelBundle.DEFAULT_TAG);
    } catch (TensorFlowException e) {
      throw new InvalidModelException(dir + ": cannot load the SavedModel: " + e.getMessage(), e);
    }
    Set<String> present = new TreeSet<>();
    bundle.signatures().forEach(s -> present.add(s.key()));
    for (String name : SignatureNames.all(manifest.chain().stages())) {
      if (!present.contains(name)) {
        bundle.close();
        throw new InvalidModelException(dir + " has no signature '" + name + "' (it has "
            + String.join(", ", present) + ")");
      }
    }
    return new ExportedModel(dir, manifest, bundle);
  }

  public Path dir() {
    return dir;
  }

  public ModelManifest manifest() {
    return manifest;
  }

  /** The signature {@code name}, with its inputs' and outputs' shapes. */
  public Signature signature(String name) {
    return bundle.function(name).signature();
  }

  /**
   * Runs signature {@code name}. The caller closes the result (and its own input tensors).
   *
   * @param inputs every input of the signature, by name
   * @return its outputs by name
   */
  public Result call(String name, Map<String, Tensor> inputs) {
    return bundle.function(name).call(inputs);
  }

  @Override
  public void close() {
    bundle.close();
  }
}
