package io.vidgan.data.io;

import io.vidgan.data.Frames;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Locale;

/**
 * A folder of PNG frames {@code 000000.png, 000001.png, ...}: lossless, readable back as a frame
 * folder dataset. Each frame is written to a temporary file and moved into place.
 */
public final class PngFolderWriter extends FrameWriter {
  private int next;

  public PngFolderWriter(Path folder, int width, int height) throws IOException {
    super(folder, width, height);
    Files.createDirectories(folder);
  }

  @Override
  void append(byte[] rgb) throws IOException {
    byte[] png = ImageCodec.encode(new Frames(1, height(), width(), rgb), 0,
        ImageCodec.Format.PNG, 1f);
    Path frame = target().resolve(String.format(Locale.ROOT, "%06d.png", next++));
    Path temporary = frame.resolveSibling(frame.getFileName() + ".tmp");
    Files.write(temporary, png);
    Files.move(temporary, frame, StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  void finish() {
    // every frame is already in place
  }
}
