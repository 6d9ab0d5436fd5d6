package io.vidgan.data.io;

import static com.google.common.base.Preconditions.checkArgument;
import static com.google.common.base.Preconditions.checkState;

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
public final class PngFolderWriter implements VideoWriter {
  private final Path folder;
  private final int width;
  private final int height;
  private int next;
  private boolean closed;

  public PngFolderWriter(Path folder, int width, int height) throws IOException {
    checkArgument(width > 0 && height > 0, "bad frame size %sx%s", width, height);
    this.folder = folder;
    this.width = width;
    this.height = height;
    Files.createDirectories(folder);
  }

  @Override
  public int width() {
    return width;
  }

  @Override
  public int height() {
    return height;
  }

  @Override
  public void write(byte[] rgb) throws IOException {
    checkState(!closed, "PNG writer for %s is closed", folder);
    byte[] png = ImageCodec.encode(new Frames(1, height, width, rgb), 0, ImageCodec.Format.PNG, 1f);
    Path target = folder.resolve(String.format(Locale.ROOT, "%06d.png", next++));
    Path temporary = folder.resolve(target.getFileName() + ".tmp");
    Files.write(temporary, png);
    Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING,
        StandardCopyOption.ATOMIC_MOVE);
  }

  @Override
  public void close() {
    closed = true;
  }
}
