package io.vidgan.data.io;

import static com.google.common.base.Preconditions.checkArgument;

import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
 * An animated GIF that loops forever, written with {@code javax.imageio}, with one adaptive
 * palette for the whole animation ({@link AdaptivePalette}): lossless when the video has at most
 * 256 distinct colours, else median cut over all frames' pixels; every pixel takes its nearest
 * palette colour, without dithering, so flat areas stay flat and colours do not flicker between
 * frames.
 *
 * <p>A palette over all frames is only known after the last one, so frames are spilled as raw RGB
 * to a temporary file next to the target while their colours are counted (memory stays fixed: the
 * colour histogram and one frame, whatever the video's length; the disk holds the raw frames until
 * {@link #close()}), and the GIF is encoded from that file on close.
 */
public final class GifWriter extends FrameWriter {
  private static final String FORMAT = "javax_imageio_gif_image_1.0";
  private static final int SPILL_BUFFER = 1 << 16;

  private final int delayCentis;
  private final Path frames;
  private final OutputStream spill;
  private final AdaptivePalette.Collector colours = new AdaptivePalette.Collector();
  private int count;

  /** @param fps frames per second; GIF stores delays in 1/100 s, so it is rounded */
  public GifWriter(Path target, int width, int height, double fps) throws IOException {
    super(target, width, height);
    checkArgument(fps > 0 && fps <= 50, "GIF fps must be in (0, 50], got %s", fps);
    this.delayCentis = (int) Math.max(2, Math.round(100 / fps));
    this.frames = target.resolveSibling(target.getFileName() + ".rgb.tmp");
    this.spill = new BufferedOutputStream(Files.newOutputStream(frames), SPILL_BUFFER);
  }

  @Override
  void append(byte[] rgb) throws IOException {
    colours.add(rgb);
    spill.write(rgb);
    count++;
  }

  @Override
  void finish() throws IOException {
    try {
      spill.close();
      encode(colours.palette());
      Files.move(temporary(), target(), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } finally {
      Files.deleteIfExists(frames);
      Files.deleteIfExists(temporary());
    }
  }

  /** Encodes the spilled frames with {@code palette} into {@link #temporary()}. */
  private void encode(AdaptivePalette palette) throws IOException {
    IndexColorModel model = palette.colorModel();
    ImageWriter writer = ImageIO.getImageWritersByFormatName("gif").next();
    // Not ImageIO.createImageOutputStream(File): on failure it prints a stack trace and returns
    // null; FileImageOutputStream throws, naming the file.
    try (ImageOutputStream out = new FileImageOutputStream(temporary().toFile());
        InputStream in = new BufferedInputStream(Files.newInputStream(frames), SPILL_BUFFER)) {
      writer.setOutput(out);
      IIOMetadata metadata = frameMetadata(writer, model, delayCentis);
      writer.prepareWriteSequence(null);
      byte[] rgb = new byte[width() * height() * 3];
      for (int f = 0; f < count; f++) {
        if (in.readNBytes(rgb, 0, rgb.length) != rgb.length) {
          throw new IOException("frame " + f + " of " + frames + " is truncated");
        }
        BufferedImage image = new BufferedImage(width(), height(),
            BufferedImage.TYPE_BYTE_INDEXED, model);
        palette.map(rgb, ((DataBufferByte) image.getRaster().getDataBuffer()).getData());
        writer.writeToSequence(new IIOImage(image, null, metadata), null);
      }
      writer.endWriteSequence();
    } finally {
      writer.dispose();
    }
  }

  /** Per-frame metadata: the delay, and the NETSCAPE2.0 extension that makes the GIF loop. */
  private static IIOMetadata frameMetadata(ImageWriter writer, IndexColorModel palette,
      int delayCentis) throws IOException {
    IIOMetadata meta = writer.getDefaultImageMetadata(
        ImageTypeSpecifier.createFromRenderedImage(new BufferedImage(1, 1,
            BufferedImage.TYPE_BYTE_INDEXED, palette)), null);
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
