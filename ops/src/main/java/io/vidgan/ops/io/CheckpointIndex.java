package io.vidgan.ops.io;

import static com.google.common.base.Preconditions.checkArgument;

import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.tensorflow.ndarray.Shape;
import org.tensorflow.proto.BundleEntryProto;
import org.tensorflow.proto.BundleHeaderProto;
import org.tensorflow.proto.TensorShapeProto;

/**
 * The table of contents of a TensorFlow checkpoint (format V2): every tensor's name, dtype and
 * shape, read from {@code <prefix>.index} without loading any tensor data.
 *
 * <p>Use it to validate a checkpoint against a graph before restoring and to give errors that name
 * the tensor. Reading it also checks that the header is sane and every data shard {@code
 * <prefix>.data-0000i-of-0000N} exists.
 *
 * <pre>{@code
 * CheckpointIndex index = CheckpointIndex.read("runs/x/ckpt-00001000");
 * for (CheckpointTensor t : index.tensors()) System.out.println(t);   // name float [3, 3, 64]
 * }</pre>
 */
public final class CheckpointIndex {
  /** The index key of the {@code BundleHeaderProto}. */
  static final String HEADER_KEY = "";

  private final String prefix;
  private final Map<String, CheckpointTensor> tensors;
  private final List<Path> files;

  private CheckpointIndex(String prefix, Map<String, CheckpointTensor> tensors, List<Path> files) {
    this.prefix = prefix;
    this.tensors = Collections.unmodifiableMap(tensors);
    this.files = List.copyOf(files);
  }

  /** True if {@code <prefix>.index} exists. */
  public static boolean exists(String prefix) {
    return Files.isRegularFile(indexFile(prefix));
  }

  /**
   * Reads {@code <prefix>.index}.
   *
   * @throws CheckpointException if the index is missing or corrupt, or a data shard is missing
   */
  public static CheckpointIndex read(String prefix) throws IOException {
    checkArgument(!prefix.isEmpty(), "checkpoint prefix must not be empty");
    Path index = indexFile(prefix);
    if (!Files.isRegularFile(index)) {
      throw new CheckpointException("no checkpoint at " + prefix + ": " + index
          + " does not exist (a checkpoint prefix P is the files P.index and P.data-*)");
    }
    Map<String, byte[]> entries = SortedStringTable.read(index.toString(),
        Files.readAllBytes(index));
    byte[] headerBytes = entries.remove(HEADER_KEY);
    if (headerBytes == null) {
      throw new CheckpointException(index + ": no bundle header: not a checkpoint index");
    }
    try {
      BundleHeaderProto header = BundleHeaderProto.parseFrom(headerBytes);
      List<Path> files = new ArrayList<>(List.of(index));
      files.addAll(dataFiles(prefix, header.getNumShards()));
      Map<String, CheckpointTensor> tensors = new LinkedHashMap<>();
      for (Map.Entry<String, byte[]> e : entries.entrySet()) {
        BundleEntryProto entry = BundleEntryProto.parseFrom(e.getValue());
        tensors.put(e.getKey(), new CheckpointTensor(e.getKey(), entry.getDtype(),
            shape(entry.getShape())));
      }
      return new CheckpointIndex(prefix, tensors, files);
    } catch (InvalidProtocolBufferException e) {
      throw new CheckpointException(index + ": corrupt index entry", e);
    }
  }

  /** The checkpoint prefix this index was read from. */
  public String prefix() {
    return prefix;
  }

  /** Every tensor, sorted by name. */
  public List<CheckpointTensor> tensors() {
    return List.copyOf(tensors.values());
  }

  /** The tensor called {@code name}, if the checkpoint has one. */
  public Optional<CheckpointTensor> find(String name) {
    return Optional.ofNullable(tensors.get(name));
  }

  /**
   * The tensor called {@code name}.
   *
   * @throws CheckpointException if there is none
   */
  public CheckpointTensor get(String name) throws CheckpointException {
    CheckpointTensor t = tensors.get(name);
    if (t == null) {
      throw new CheckpointException("checkpoint " + prefix + " has no tensor " + name);
    }
    return t;
  }

  /** The files that make up the checkpoint: the index, then the data shards in order. */
  public List<Path> files() {
    return files;
  }

  private static Path indexFile(String prefix) {
    return Path.of(prefix + ".index");
  }

  private static List<Path> dataFiles(String prefix, int shards) throws CheckpointException {
    if (shards < 1) {
      throw new CheckpointException(prefix + ".index: header says " + shards + " data shards");
    }
    List<Path> out = new ArrayList<>();
    for (int i = 0; i < shards; i++) {
      Path p = Path.of(String.format(Locale.ROOT, "%s.data-%05d-of-%05d", prefix, i, shards));
      if (!Files.isRegularFile(p)) {
        throw new CheckpointException("checkpoint " + prefix + " is incomplete: " + p
            + " does not exist");
      }
      out.add(p);
    }
    return out;
  }

  private static Shape shape(TensorShapeProto proto) {
    long[] dims = new long[proto.getDimCount()];
    for (int i = 0; i < dims.length; i++) {
      dims[i] = proto.getDim(i).getSize();
    }
    return proto.getUnknownRank() ? Shape.unknown() : Shape.of(dims);
  }
}
