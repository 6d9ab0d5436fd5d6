package io.vidgan.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.vidgan.cli.Command;
import io.vidgan.data.PrepareDataset;
import io.vidgan.metrics.EvalFvd;
import io.vidgan.metrics.EvalPsd;
import io.vidgan.ops.testing.Stderr;
import io.vidgan.replicas.Train;
import io.vidgan.replicas.Worker;
import io.vidgan.savedmodel.ExportSavedModel;
import io.vidgan.savedmodel.Generate;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every command with each class of bad input (unknown, malformed, out-of-range or repeated flags;
 * missing, unusable or damaged input files; unwritable outputs; data that fails while running):
 * exit 2 for usage errors, 1 for failures while running, one line naming the flag or the file,
 * and never a Java stack trace. Each case stops before any TensorFlow work.
 */
class CommandErrorsTest {
  @TempDir
  static Path dir;

  static Path missing;
  static Path text;
  static Path empty;
  static Path underFile;
  static Path badConfig;
  static Path corrupt;
  static Path dangling;
  static Path undecodable;

  /** One invocation and what it must print. */
  record Case(String command, Supplier<Command> make, int exit, String named, String[] args) {
    @Override
    public String toString() {
      return command + " " + String.join(" ", args).replace(dir.toString(), "$DIR");
    }
  }

  @BeforeAll
  static void corpus() throws IOException {
    missing = dir.resolve("missing");
    text = Files.writeString(dir.resolve("notes.txt"), "hello");
    empty = Files.createDirectories(dir.resolve("empty"));
    underFile = Files.writeString(dir.resolve("afile"), "x").resolve("sub");
    badConfig = Files.writeString(dir.resolve("bad.pbtxt"), "video { frames: ");
    corrupt = Files.createDirectories(dir.resolve("corrupt"));
    Files.writeString(corrupt.resolve("s.tfrecord"), "this is not a TFRecord file at all");
    dangling = Files.createDirectories(dir.resolve("dangling"));
    Files.createSymbolicLink(dangling.resolve("s.tfrecord"), missing);
    undecodable = dir.resolve("undecodable.zip");
    try (OutputStream out = Files.newOutputStream(undecodable);
        ZipOutputStream zip = new ZipOutputStream(out)) {
      zip.putNextEntry(new ZipEntry("a/000000.png"));
      zip.write("not a png".getBytes());
    }
  }

  static List<Case> cases() {
    List<Case> c = new ArrayList<>();
    String out = "--out=" + dir.resolve("out");
    String unwritable = "--out=" + underFile;
    train(c, 2, "--nope", "--nope");
    train(c, 2, "--steps", "--steps=ten");
    train(c, 2, "--steps", "--steps=99999999999999999999");
    train(c, 2, "--steps", "--steps=0");
    train(c, 2, "--steps", "--steps=1", "--steps=2");
    train(c, 2, missing.toString(), "--data=" + missing, out);
    train(c, 2, "--data", "--data=builtin:frames=-1", out);
    train(c, 2, text.toString(), "--data=" + text, out);
    train(c, 2, corrupt.resolve("s.tfrecord").toString(), "--data=" + corrupt, out);
    train(c, 2, dangling.resolve("s.tfrecord").toString(), "--data=" + dangling, out);
    train(c, 2, "--config", "--config=" + badConfig, out);
    train(c, 2, "--resume", "--resume=" + missing);
    train(c, 2, empty.toString(), "--resume=" + empty);
    train(c, 2, "--out", unwritable);
    train(c, 2, "--below", "--stage=sres", out);
    train(c, 2, missing.toString(), "--stage=sres", "--below=" + missing, out);
    add(c, "worker", Worker::new, 2, "--cluster", "--cluster=nohostport", "--task=1");
    add(c, "worker", Worker::new, 2, "--task", "--task=1");
    add(c, "worker", Worker::new, 2, missing.toString(), "--cluster=localhost:1,localhost:2",
        "--task=1", "--data=" + missing);
    String model = "--model=" + empty;
    add(c, "generate", Generate::new, 2, missing.toString(), "--model=" + missing, out);
    add(c, "generate", Generate::new, 2, "--model", model, out);
    add(c, "generate", Generate::new, 2, "--out", model, unwritable);
    add(c, "generate", Generate::new, 2, "--frames", model, out, "--frames=-3");
    add(c, "generate", Generate::new, 2, "--fps", model, out, "--fps=abc");
    add(c, "export-savedmodel", ExportSavedModel::new, 2, "--run", "--run=" + missing, out);
    add(c, "export-savedmodel", ExportSavedModel::new, 2, "--run", "--run=" + empty, out);
    add(c, "export-savedmodel", ExportSavedModel::new, 2, "--out", "--run=" + empty,
        "--out=" + empty);
    add(c, "export-savedmodel", ExportSavedModel::new, 2, "--out", "--run=" + empty,
        unwritable);
    String[] fvd = {"--data=builtin:videos=2", "--fake=builtin:videos=2", "--i3d=random:1"};
    add(c, "eval-fvd", EvalFvd::new, 2, missing.toString(), "--data=" + missing, fvd[1],
        fvd[2]);
    add(c, "eval-fvd", EvalFvd::new, 2, missing.toString(), fvd[0], fvd[1], "--i3d=" + missing);
    add(c, "eval-fvd", EvalFvd::new, 2, "--num-videos", fvd[0], fvd[1], fvd[2],
        "--num-videos=x");
    add(c, "eval-fvd", EvalFvd::new, 2, "--out", fvd[0], fvd[1], fvd[2], "--out=" + empty);
    add(c, "eval-fvd", EvalFvd::new, 2, corrupt.toString(), "--data=" + corrupt, fvd[1],
        fvd[2]);
    add(c, "eval-psd", EvalPsd::new, 2, missing.toString(), "--data=" + missing, fvd[1]);
    add(c, "eval-psd", EvalPsd::new, 2, "--out", fvd[0], fvd[1], unwritable);
    add(c, "eval-psd", EvalPsd::new, 2, "--plot", fvd[0], fvd[1], "--plot=" + underFile);
    add(c, "prepare-dataset", PrepareDataset::new, 2, missing.toString(),
        "--source=" + missing, out);
    add(c, "prepare-dataset", PrepareDataset::new, 2, "--source", "--source=builtin:frames=-1",
        out);
    add(c, "prepare-dataset", PrepareDataset::new, 2, "--out", "--builtin", unwritable);
    add(c, "prepare-dataset", PrepareDataset::new, 2, "--quality", "--builtin", out,
        "--quality=101");
    add(c, "prepare-dataset", PrepareDataset::new, 2, dangling.resolve("s.tfrecord").toString(),
        "--source=" + dangling, out);
    add(c, "prepare-dataset", PrepareDataset::new, 1, undecodable + "!a/000000.png",
        "--source=" + undecodable, "--out=" + dir.resolve("prepared"));
    add(c, "bench", Bench::new, 2, "--reps", "--reps=0");
    add(c, "bench", Bench::new, 2, "--only", "--only=nosuch");
    add(c, "bench", Bench::new, 2, "--out", unwritable);
    add(c, "bench", Bench::new, 2, "--cost-parts", "--cost-parts=small,nosuch");
    add(c, "cost-probe", CostProbe::new, 2, "--batch", "--config=small/lres", "--batch=0");
    add(c, "cost-probe", CostProbe::new, 2, "--config", "--config=small/nosuch", "--batch=1");
    return c;
  }

  private static void train(List<Case> c, int exit, String named, String... args) {
    add(c, "train", Train::new, exit, named, args);
  }

  private static void add(List<Case> c, String command, Supplier<Command> make, int exit,
      String named, String... args) {
    c.add(new Case(command, make, exit, named, args));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void exitsWithOneLineNamingTheFlagOrFileAndNoStackTrace(Case c) {
    Stderr run = Stderr.capture(() -> c.make().get().execute(c.args()));
    assertEquals(c.exit(), run.exit(), run.text());
    assertFalse(run.text().contains("\tat "), run.text());
    List<String> lines = Arrays.stream(run.text().split("\n"))
        .filter(l -> !l.isBlank() && !l.startsWith("Run bin/" + c.command() + " --help")).toList();
    assertEquals(1, lines.size(), run.text());
    assertTrue(lines.get(0).startsWith(c.command() + ": ") && lines.get(0).contains(c.named()),
        run.text());
  }
}
