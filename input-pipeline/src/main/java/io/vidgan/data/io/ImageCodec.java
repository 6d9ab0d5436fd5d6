package io.vidgan.data.io;

import static com.google.common.base.Preconditions.checkArgument;

import io.vidgan.data.DatasetException;
import io.vidgan.data.ReadLimits;
import io.vidgan.data.Frames;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.IndexColorModel;
import java.awt.image.Raster;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageReader;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.ImageInputStream;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * PNG and JPEG frames to and from 8-bit RGB, with {@code javax.imageio} (no TensorFlow session
 * needed). JPEGs are written without chroma subsampling. Decoding is strict: a decoder warning
 * (e.g. a truncated JPEG, which ImageIO would otherwise fill with grey) is an error, so damaged
 * frames never reach training.
 */
public final class ImageCodec {
  /** How frames are stored in TFRecords written by {@code prepare-dataset}. */
  public enum Format {
    PNG("png"),
    JPEG("jpeg");

    private final String imageIoName;

    Format(String imageIoName) {
      this.imageIoName = imageIoName;
    }

    /** Parses {@code png} or {@code jpeg}/{@code jpg}. */
    public static Format parse(String name) {
      String n = name.toLowerCase(Locale.ROOT);
      checkArgument(n.equals("png") || n.equals("jpeg") || n.equals("jpg"),
          "image format must be png or jpeg, got '%s'", name);
      return n.equals("png") ? PNG : JPEG;
    }
  }

  static {
    // Decode and encode in memory: ImageIO's default disk cache writes a temp file per image.
    ImageIO.setUseCache(false);
  }

  private ImageCodec() {}

  /**
   * Decodes a PNG or JPEG image to one RGB frame: grey is replicated, alpha dropped, 16-bit
   * samples keep their high byte; sample values are taken as stored (no colour conversion).
   *
   * @param where names the frame in error messages
   * @throws DatasetException if the bytes are not a complete, decodable PNG or JPEG image
   */
  public static Frames decode(byte[] encoded, String where) throws DatasetException {
    List<String> warnings = new ArrayList<>();
    BufferedImage image = withReader(encoded, where, "cannot decode frame", reader -> {
      reader.addIIOReadWarningListener((source, warning) -> warnings.add(warning));
      return reader.read(0);
    });
    if (!warnings.isEmpty()) {
      throw new DatasetException(where, "damaged frame: " + String.join("; ", warnings));
    }
    return new Frames(1, image.getHeight(), image.getWidth(), toRgb(image));
  }

  /**
   * Reads only the header: {@code {height, width}}.
   *
   * @throws DatasetException if the bytes are not a PNG or JPEG image
   */
  public static int[] size(byte[] encoded, String where) throws DatasetException {
    return withReader(encoded, where, "cannot read frame header",
        reader -> new int[] {reader.getHeight(0), reader.getWidth(0)});
  }

  /** Work done with an ImageIO reader positioned on an image. */
  @FunctionalInterface
  private interface ReaderTask<T> {
    T run(ImageReader reader) throws IOException;
  }

  /** Runs {@code task} with a reader for {@code encoded}; any failure names {@code where}. */
  private static <T> T withReader(byte[] encoded, String where, String failure,
      ReaderTask<T> task) throws DatasetException {
    try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(encoded))) {
      Iterator<ImageReader> readers = in == null ? null : ImageIO.getImageReaders(in);
      if (readers == null || !readers.hasNext()) {
        throw new DatasetException(where, failure + " (not a PNG or JPEG image)");
      }
      ImageReader reader = readers.next();
      try {
        reader.setInput(in, true, true);
        ReadLimits.checkFrame(reader.getWidth(0), reader.getHeight(0), where);
        return task.run(reader);
      } finally {
        reader.dispose();
      }
    } catch (DatasetException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new DatasetException(where, failure + " (" + e.getMessage() + ")", e);
    }
  }

  /**
   * Encodes frame {@code index} of {@code frames}.
   *
   * @param jpegQuality in (0, 1], ignored for PNG
   */
  public static byte[] encode(Frames frames, int index, Format format, float jpegQuality)
      throws IOException {
    checkArgument(jpegQuality > 0 && jpegQuality <= 1, "JPEG quality must be in (0, 1], got %s",
        jpegQuality);
    BufferedImage image = toImage(frames, index);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ImageWriter writer = ImageIO.getImageWritersByFormatName(format.imageIoName).next();
    try (ImageOutputStream stream = ImageIO.createImageOutputStream(out)) {
      writer.setOutput(stream);
      ImageWriteParam param = writer.getDefaultWriteParam();
      IIOMetadata metadata = null;
      if (format == Format.JPEG) {
        param.setCompressionMode(ImageWriteParam.MODE_EXPLICIT);
        param.setCompressionQuality(jpegQuality);
        metadata = fullChroma(writer, image, param);
      }
      writer.write(null, new IIOImage(image, null, metadata), param);
    } finally {
      writer.dispose();
    }
    return out.toByteArray();
  }

  /**
   * JPEG metadata with every component sampled at full resolution (4:4:4). ImageIO's default
   * halves chroma in both directions, which at video-GAN resolutions (32x32 frames) smears
   * colour edges by several levels; LongVideoGAN stores its frames without chroma subsampling too.
   */
  private static IIOMetadata fullChroma(ImageWriter writer, BufferedImage image,
      ImageWriteParam param) throws IOException {
    IIOMetadata metadata = writer.getDefaultImageMetadata(new ImageTypeSpecifier(image), param);
    String format = "javax_imageio_jpeg_image_1.0";
    Node root = metadata.getAsTree(format);
    NodeList components = ((Element) root).getElementsByTagName("componentSpec");
    for (int i = 0; i < components.getLength(); i++) {
      Element component = (Element) components.item(i);
      component.setAttribute("HsamplingFactor", "1");
      component.setAttribute("VsamplingFactor", "1");
    }
    metadata.setFromTree(format, root);
    return metadata;
  }

  /** Frame {@code index} as a {@code TYPE_3BYTE_BGR} image. */
  static BufferedImage toImage(Frames frames, int index) {
    int h = frames.height();
    int w = frames.width();
    BufferedImage image = new BufferedImage(w, h, BufferedImage.TYPE_3BYTE_BGR);
    byte[] bgr = ((DataBufferByte) image.getRaster().getDataBuffer()).getData();
    byte[] rgb = frames.rgb();
    int base = index * frames.frameBytes();
    for (int i = 0; i < bgr.length; i += 3) {
      bgr[i] = rgb[base + i + 2];
      bgr[i + 1] = rgb[base + i + 1];
      bgr[i + 2] = rgb[base + i];
    }
    return image;
  }

  private static byte[] toRgb(BufferedImage image) {
    int w = image.getWidth();
    int h = image.getHeight();
    byte[] rgb = new byte[w * h * 3];
    if (image.getType() == BufferedImage.TYPE_3BYTE_BGR
        && image.getRaster().getDataBuffer() instanceof DataBufferByte buffer
        && buffer.getData().length == rgb.length) {
      byte[] bgr = buffer.getData();
      for (int i = 0; i < rgb.length; i += 3) {
        rgb[i] = bgr[i + 2];
        rgb[i + 1] = bgr[i + 1];
        rgb[i + 2] = bgr[i];
      }
      return rgb;
    }
    if (image.getColorModel() instanceof IndexColorModel) {
      int[] argb = image.getRGB(0, 0, w, h, null, 0, w);
      for (int p = 0; p < argb.length; p++) {
        rgb[3 * p] = (byte) (argb[p] >> 16);
        rgb[3 * p + 1] = (byte) (argb[p] >> 8);
        rgb[3 * p + 2] = (byte) argb[p];
      }
      return rgb;
    }
    // Raw samples, not getRGB: getRGB would gamma-convert grey images from linear to sRGB.
    Raster raster = image.getRaster();
    int bands = raster.getNumBands();
    int shift = image.getColorModel().getComponentSize(0) - 8;
    int[] row = new int[w * bands];
    for (int y = 0; y < h; y++) {
      raster.getPixels(0, y, w, 1, row);
      for (int x = 0; x < w; x++) {
        for (int c = 0; c < 3; c++) {
          int band = bands <= 2 ? 0 : c;
          rgb[(y * w + x) * 3 + c] = (byte) (row[x * bands + band] >> shift);
        }
      }
    }
    return rgb;
  }
}
