package io.vidgan.data.source;

import io.vidgan.data.BadInputs;
import io.vidgan.data.DatasetException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Videos stored one per record in TFRecord shards of {@code tf.train.SequenceExample} (see {@link
 * SequenceExamples}), read in pure Java with both CRCs checked ({@link TfRecordFile}). Opening
 * reads only record headers; a record is read, checked and parsed when its video is used.
 */
public final class TfRecordDataset extends EncodedFrameDataset {
  private final String description;
  private final List<TfRecordFile.Record> records = new ArrayList<>();

  /**
   * @param shards TFRecord files, in the order their records are numbered
   * @throws DatasetException if no shard holds a usable record, or a shard is damaged and {@code
   *     bad} does not skip
   */
  public TfRecordDataset(List<Path> shards, BadInputs bad) throws IOException {
    super(bad);
    for (Path shard : shards) {
      try {
        records.addAll(TfRecordFile.scan(shard, bad));
      } catch (DatasetException e) {
        throw e;
      } catch (IOException e) {
        bad.handle(new DatasetException(shard.toString(), "cannot be read (" + e + ")", e));
      }
    }
    String where = FileNames.describe(shards, "shards");
    if (records.isEmpty()) {
      throw new DatasetException(where, "no records in the TFRecord shards");
    }
    this.description = "tfrecord:" + where;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public int size() {
    return records.size();
  }

  @Override
  protected EncodedVideo video(int index) throws IOException {
    TfRecordFile.Record record = records.get(index);
    return SequenceExamples.decode(TfRecordFile.read(record), record.where());
  }
}
