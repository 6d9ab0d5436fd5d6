package io.vidgan.metrics;

import io.vidgan.cli.Flags;
import io.vidgan.cli.UsageException;
import io.vidgan.data.VideoDataset;
import io.vidgan.savedmodel.ExportedModel;
import io.vidgan.savedmodel.InvalidModelException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The generated side of an evaluation command, opened once: an exported model ({@code --model},
 * loaded once and shared by every run, class and question asked of it) or videos on disk
 * ({@code --fake}, opened once).
 */
final class GeneratedSource implements AutoCloseable {
  private final Flags flags;
  private final Optional<ExportedModel> model;
  private final Optional<VideoDataset> fake;

  private GeneratedSource(Flags flags, Optional<ExportedModel> model,
      Optional<VideoDataset> fake) {
    this.flags = flags;
    this.model = model;
    this.fake = fake;
  }

  /** Exactly one of {@code --model} and {@code --fake}, opened. */
  static GeneratedSource open(Flags flags) throws IOException {
    if (flags.has(SourceFlags.MODEL) == flags.has(SourceFlags.FAKE)) {
      throw new UsageException("give exactly one of --model=DIR (an exported model) and"
          + " --fake=DATA (generated videos on disk)");
    }
    if (flags.has(SourceFlags.FAKE)) {
      return new GeneratedSource(flags, Optional.empty(),
          Optional.of(SourceFlags.open(flags, SourceFlags.FAKE)));
    }
    try {
      return new GeneratedSource(flags,
          Optional.of(ExportedModel.load(Path.of(flags.get(SourceFlags.MODEL)))),
          Optional.empty());
    } catch (InvalidModelException e) {
      throw new UsageException("--model: " + e.getMessage(), e);
    }
  }

  /** Frame stride of the generated videos w.r.t. the footage the model was trained on. */
  int frameStride() {
    return model.map(m -> m.manifest().chain().top().getFrameStride())
        .orElseGet(() -> flags.get(SourceFlags.FAKE_STRIDE));
  }

  /** Real clips of {@code clip} (in generated frames) at the generated frame rate. */
  ClipSampling realClips(ClipSampling clip) {
    try {
      return clip.forRealData(frameStride(), flags.get(SourceFlags.DATA_STRIDE));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--data-stride: " + e.getMessage(), e);
    }
  }

  /** Classes of a class-conditional model; {@code flag} names the request in the error. */
  int numClasses(String flag) {
    ExportedModel m = model.orElseThrow(() -> new UsageException(
        flag + " needs --model (videos of a chosen class)"));
    int classes = m.manifest().chain().numClasses();
    if (classes == 0) {
      throw new UsageException(flag + ": the model is unconditional");
    }
    return classes;
  }

  /**
   * The generated clips: videos on disk from {@code t = 0}, or the model's.
   *
   * @param label class of every generated video, or -1 for uniform classes
   */
  ClipSource clips(ClipSampling clip, FvdProtocol.Generated mode, int count, int batch, long seed,
      int label) throws IOException {
    if (fake.isPresent()) {
      return DatasetClips.fromStart(fake.get(), clip, count);
    }
    try {
      return new ModelClips(model.get(), clip, mode, count, batch,
          new ModelClips.Sampling(seed, flags.get(SourceFlags.TRUNCATION), label));
    } catch (IllegalArgumentException e) {
      throw new UsageException("--model: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() throws IOException {
    model.ifPresent(ExportedModel::close);
    if (fake.isPresent()) {
      fake.get().close();
    }
  }
}
