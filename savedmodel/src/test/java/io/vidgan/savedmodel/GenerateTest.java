package io.vidgan.savedmodel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tensorflow.Graph;
import org.tensorflow.SavedModelBundle;
import org.tensorflow.Session;
import org.tensorflow.Signature;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.op.Ops;
import org.tensorflow.op.core.Placeholder;
import org.tensorflow.types.TFloat32;

/** {@code bin/generate}: files written, and usage errors (exit 2) that name the problem. */
class GenerateTest {
  @TempDir
  Path dir;

  private static String model() throws Exception {
    return "--model=" + TinyChain.get().model;
  }

  @Test
  void writesEachVideoWithTheAskedFramesWhateverTheBatches() throws Exception {
    Path a = dir.resolve("a");
    Path b = dir.resolve("b");
    CommandRun run = CommandRun.of(new Generate(), model(), "--frames=13", "--count=3",
        "--batch=2", "--format=png", "--seed=4", "--out=" + a);
    assertEquals(0, run.exit(), run.stderr());
    assertEquals(0, CommandRun.of(new Generate(), model(), "--frames=13", "--count=3",
        "--batch=1", "--chunk=1", "--format=png", "--seed=4", "--out=" + b).exit());
    for (int v = 0; v < 3; v++) {
      String name = String.format("video_%05d", v);
      try (Stream<Path> frames = Files.list(a.resolve(name))) {
        assertEquals(13, frames.count(), name);
      }
      assertArrayEquals(Files.readAllBytes(png(a, name, 12)), Files.readAllBytes(png(b, name, 12)),
          name + " depends on the batch sizes or the chunks");
    }
    BufferedImage image = ImageIO.read(png(a, "video_00000", 0).toFile());
    assertEquals(16, image.getWidth());
    assertEquals(16, image.getHeight());
  }

  private static Path png(Path out, String video, int frame) throws Exception {
    try (Stream<Path> frames = Files.list(out.resolve(video))) {
      return frames.sorted().toList().get(frame);
    }
  }

  @Test
  void writesAGif() throws Exception {
    CommandRun run = CommandRun.of(new Generate(), model(), "--out=" + dir, "--label=2");
    assertEquals(0, run.exit(), run.stderr());
    assertTrue(Files.size(dir.resolve("video_00000.gif")) > 0);
  }

  @Test
  void framesBelowOneIsAUsageError() throws Exception {
    CommandRun run = CommandRun.of(new Generate(), model(), "--frames=0", "--out=" + dir);
    assertEquals(2, run.exit());
    assertTrue(run.stderr().contains("--frames"), run.stderr());
  }

  @Test
  void aNegativeChunkIsAUsageError() throws Exception {
    CommandRun run = CommandRun.of(new Generate(), model(), "--chunk=-1", "--out=" + dir);
    assertEquals(2, run.exit());
    assertTrue(run.stderr().contains("--chunk"), run.stderr());
  }

  @Test
  void theWindowFlagsAreGone() throws Exception {
    for (String flag : new String[] {"--window-stride=2", "--upsample-batch=8"}) {
      CommandRun run = CommandRun.of(new Generate(), model(), flag, "--out=" + dir);
      assertEquals(2, run.exit(), flag);
      assertTrue(run.stderr().contains(flag.substring(0, flag.indexOf('=')) + " is gone: "
          + "super-resolution stages are applied to the whole video"), run.stderr());
    }
  }

  @Test
  void aMissingModelIsAUsageError() {
    CommandRun run = CommandRun.of(new Generate(), "--model=" + dir.resolve("nope"),
        "--out=" + dir);
    assertEquals(2, run.exit());
    assertTrue(run.stderr().contains("does not exist"), run.stderr());
  }

  @Test
  void aDirectoryThatIsNotASavedModelIsAUsageError() throws Exception {
    Files.createDirectories(dir.resolve("empty"));
    CommandRun run = CommandRun.of(new Generate(), "--model=" + dir.resolve("empty"),
        "--out=" + dir);
    assertEquals(2, run.exit());
    assertTrue(run.stderr().contains("not a SavedModel"), run.stderr());
  }

  @Test
  void aSavedModelWithoutManifestIsAUsageError() throws Exception {
    Path model = dir.resolve("bare");
    Files.createDirectories(model.resolve("variables"));
    Path from = TinyChain.get().model;
    Files.copy(from.resolve(ExportedModel.SAVED_MODEL_FILE),
        model.resolve(ExportedModel.SAVED_MODEL_FILE));
    CommandRun run = CommandRun.of(new Generate(), "--model=" + model, "--out=" + dir);
    assertEquals(2, run.exit());
    assertTrue(run.stderr().contains("manifest.properties"), run.stderr());
  }

  @Test
  void aMissingSignatureIsAUsageError() throws Exception {
    Path model = dir.resolve("partial");
    try (Graph g = new Graph(); Session s = new Session(g)) {
      Ops tf = Ops.create(g);
      Placeholder<TFloat32> z = tf.withName("z").placeholder(TFloat32.class,
          Placeholder.shape(Shape.of(-1, 8)));
      SavedModelBundle.exporter(model.toString()).withSession(s).withSignatures(
          Signature.builder().key(SignatureNames.GENERATE_LRES).input("z", z)
              .output("video", tf.identity(z)).build()).export();
    }
    Path manifest = TinyChain.get().model.resolve(ModelManifest.DIR);
    Files.createDirectories(model.resolve(ModelManifest.DIR));
    try (Stream<Path> files = Files.list(manifest)) {
      for (Path f : files.toList()) {
        Files.copy(f, model.resolve(ModelManifest.DIR).resolve(f.getFileName()));
      }
    }
    CommandRun run = CommandRun.of(new Generate(), "--model=" + model, "--out=" + dir);
    assertEquals(2, run.exit());
    assertTrue(run.stderr().contains("no signature 'generate_lres_chunk'"), run.stderr());
  }

  @Test
  void aClassTheModelDoesNotHaveIsAUsageError() throws Exception {
    CommandRun run = CommandRun.of(new Generate(), model(), "--label=4", "--out=" + dir);
    assertEquals(2, run.exit());
    assertTrue(run.stderr().contains("--label"), run.stderr());
  }
}
