package io.vidgan.data.source;

import io.vidgan.data.BadInputs;
import io.vidgan.data.DatasetException;
import io.vidgan.data.Frames;
import io.vidgan.data.VideoDataset;
import io.vidgan.data.VideoInfo;
import io.vidgan.data.io.ImageCodec;
import java.io.IOException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A dataset whose videos are sequences of encoded PNG/JPEG frames. Decodes only the frames asked
 * for and rejects undecodable frames and frames whose size differs from the video's first frame
 * (mixed sizes), naming the frame.
 */
public abstract class EncodedFrameDataset implements VideoDataset {
  private final BadInputs bad;
  private final Map<Integer, VideoInfo> infos = new ConcurrentHashMap<>();

  protected EncodedFrameDataset(BadInputs bad) {
    this.bad = bad;
  }

  /** Video {@code index}; its frames are loaded lazily. */
  protected abstract EncodedVideo video(int index) throws IOException;

  @Override
  public final BadInputs badInputs() {
    return bad;
  }

  @Override
  public final VideoInfo info(int index) throws IOException {
    VideoInfo info = infos.get(index);
    return info != null ? info : remember(index, video(index));
  }

  @Override
  public final Frames read(int index, int from, int count, int stride) throws IOException {
    EncodedVideo video = video(index);
    VideoInfo known = infos.get(index);
    VideoInfo info = known != null ? known : remember(index, video);
    info.checkFrames(from, count, stride);
    int frameBytes = info.height() * info.width() * 3;
    byte[] rgb = new byte[count * frameBytes];
    for (int k = 0; k < count; k++) {
      int f = from + k * stride;
      String name = video.frameNames().get(f);
      Frames frame = ImageCodec.decode(video.loader().load(f), name);
      if (frame.height() != info.height() || frame.width() != info.width()) {
        throw new DatasetException(name, String.format("frame is %dx%d but the first frame of %s "
            + "is %dx%d (frames of mixed sizes)", frame.height(), frame.width(), video.id(),
            info.height(), info.width()));
      }
      System.arraycopy(frame.rgb(), 0, rgb, k * frameBytes, frameBytes);
    }
    return new Frames(count, info.height(), info.width(), rgb);
  }

  private VideoInfo remember(int index, EncodedVideo video) throws IOException {
    if (video.frames() == 0) {
      throw new DatasetException(video.id(), "video has no frames");
    }
    int[] size = ImageCodec.size(video.loader().load(0), video.frameNames().get(0));
    VideoInfo info = new VideoInfo(video.id(), video.frames(), size[0], size[1], video.label());
    infos.put(index, info);
    return info;
  }
}
