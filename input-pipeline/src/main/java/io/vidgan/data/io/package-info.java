/**
 * Video and image I/O shared by the readers and by code that writes generated videos: {@link
 * io.vidgan.data.io.VideoWriters#open} picks an animated GIF, an MP4 (H.264) or a PNG
 * frame folder by the path's extension; {@link io.vidgan.data.io.VideoGrid} turns float videos in
 * {@code [-1, 1]} into frames and tiles batches into grids (laid out by {@link
 * io.vidgan.data.io.GridLayout}, enlarged by nearest neighbour), which {@link
 * io.vidgan.data.io.CellLabels} labels with each video's class in a built-in {@link
 * io.vidgan.data.io.BitmapFont}; {@link io.vidgan.data.io.PixelValues}
 * is the one mapping between bytes and {@code [-1, 1]}; {@link io.vidgan.data.io.ImageCodec}
 * decodes and encodes PNG/JPEG frames; {@link io.vidgan.data.io.VideoDecoder} and {@link
 * io.vidgan.data.io.VideoEncoder} read and write video files with FFmpeg's libraries, loaded
 * in-process from the {@code org.bytedeco:ffmpeg} Maven artifact (no system binary).
 *
 * <pre>
 * try (VideoWriter out = VideoWriters.open(Path.of("samples/step_1000.gif"), w, h, 8)) {
 *   Frames grid = VideoGrid.tile(batch.video(), batch.videoShape(), 4, 2);
 *   for (int t = 0; t &lt; grid.count(); t++) {
 *     out.write(grid.frame(t).rgb());
 *   }
 * }
 * </pre>
 */
package io.vidgan.data.io;
