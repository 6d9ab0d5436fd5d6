package io.vidgan.data.io;

import static com.google.common.base.Preconditions.checkArgument;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.FileImageOutputStream;
import javax.imageio.stream.ImageOutputStream;

/**
 * An animated GIF that loops forever, written with {@code javax.imageio}. Colours are mapped to a
 * fixed 6x7x6 RGB palette with 4x4 ordered dithering, so frames are quantised independently and
 * identically (no per-frame palette flicker).
 */
public final class GifWriter extends FrameWriter {
  private static final String FORMAT = "javax_imageio_gif_image_1.0";
  private static final int[] LEVELS = {6, 7, 6};
  private static final int[] BAYER = {0, 8, 2, 10, 12, 4, 14, 6, 3, 11, 1, 9, 15, 7, 13, 5};
  private static final IndexColorModel PALETTE = palette();

  private final ImageWriter writer;
  private final ImageOutputStream stream;
  private final IIOMetadata metadata;

  /** @param fps frames per second; GIF stores delays in 1/100 s, so it is rounded */
  public GifWriter(Path target, int width, int height, double fps) throws IOException {
    super(target, width, height);
    checkArgument(fps > 0 && fps <= 50, "GIF fps must be in (0, 50], got %s", fps);
    this.writer = ImageIO.getImageWritersByFormatName("gif").next();
    // Not ImageIO.createImageOutputStream(File): on failure it prints a stack trace and returns
    // null; this constructor throws, naming the file.
    this.stream = new FileImageOutputStream(temporary().toFile());
    writer.setOutput(stream);
    this.metadata = frameMetadata(writer, (int) Math.max(2, Math.round(100 / fps)));
    writer.prepareWriteSequence(null);
  }

  @Override
  void append(byte[] rgb) throws IOException {
    int width = width();
    int height = height();
    BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_BYTE_INDEXED,
        PALETTE);
    byte[] index = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    for (int y = 0; y < height; y++) {
      for (int x = 0; x < width; x++) {
        int p = y * width + x;
        double dither = (BAYER[(y & 3) * 4 + (x & 3)] + 0.5) / 16 - 0.5;
        int r = level(rgb[3 * p], LEVELS[0], dither);
        int g = level(rgb[3 * p + 1], LEVELS[1], dither);
        int b = level(rgb[3 * p + 2], LEVELS[2], dither);
        index[p] = (byte) ((r * LEVELS[1] + g) * LEVELS[2] + b);
      }
    }
    writer.writeToSequence(new IIOImage(image, null, metadata), null);
  }

  @Override
  void finish() throws IOException {
    try {
      writer.endWriteSequence();
      stream.close();
      Files.move(temporary(), target(), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      writer.dispose();
      Files.deleteIfExists(temporary());
    }
  }

  /** Quantises an unsigned byte to one of {@code levels} steps, offset by {@code dither} steps. */
  private static int level(byte value, int levels, double dither) {
    double steps = (value & 0xff) / 255.0 * (levels - 1) + dither;
    return (int) Math.max(0, Math.min(levels - 1, Math.round(steps)));
  }

  private static IndexColorModel palette() {
    int n = LEVELS[0] * LEVELS[1] * LEVELS[2];
    byte[][] rgb = new byte[3][n];
    for (int i = 0; i < n; i++) {
      int[] level = {i / (LEVELS[1] * LEVELS[2]), (i / LEVELS[2]) % LEVELS[1], i % LEVELS[2]};
      for (int c = 0; c < 3; c++) {
        rgb[c][i] = (byte) Math.round(level[c] * 255.0 / (LEVELS[c] - 1));
      }
    }
    return new IndexColorModel(8, n, rgb[0], rgb[1], rgb[2]);
  }

  /** Per-frame metadata: the delay, and the NETSCAPE2.0 extension that makes the GIF loop. */
  private static IIOMetadata frameMetadata(ImageWriter writer, int delayCentis)
      throws IOException {
    IIOMetadata meta = writer.getDefaultImageMetadata(
        ImageTypeSpecifier.createFromRenderedImage(new BufferedImage(1, 1,
            BufferedImage.TYPE_BYTE_INDEXED, PALETTE)), null);
    IIOMetadataNode root = (IIOMetadataNode) meta.getAsTree(FORMAT);
    // The default metadata carries a colour table of its own that would replace the palette.
    for (int i = root.getLength() - 1; i >= 0; i--) {
      if (root.item(i).getNodeName().equals("LocalColorTable")) {
        root.removeChild(root.item(i));
      }
    }
    IIOMetadataNode control = child(root, "GraphicControlExtension");
    control.setAttribute("disposalMethod", "none");
    control.setAttribute("userInputFlag", "FALSE");
    control.setAttribute("transparentColorFlag", "FALSE");
    control.setAttribute("delayTime", Integer.toString(delayCentis));
    control.setAttribute("transparentColorIndex", "0");
    IIOMetadataNode app = new IIOMetadataNode("ApplicationExtension");
    app.setAttribute("applicationID", "NETSCAPE");
    app.setAttribute("authenticationCode", "2.0");
    app.setUserObject(new byte[] {1, 0, 0});
    child(root, "ApplicationExtensions").appendChild(app);
    meta.reset();
    meta.setFromTree(FORMAT, root);
    return meta;
  }

  private static IIOMetadataNode child(IIOMetadataNode root, String name) {
    for (int i = 0; i < root.getLength(); i++) {
      if (root.item(i).getNodeName().equals(name)) {
        return (IIOMetadataNode) root.item(i);
      }
    }
    IIOMetadataNode node = new IIOMetadataNode(name);
    root.appendChild(node);
    return node;
  }
}
