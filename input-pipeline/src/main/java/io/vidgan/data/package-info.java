/**
 * Video datasets in, training batches out.
 *
 * <h2>Opening a dataset</h2>
 *
 * {@link io.vidgan.data.Datasets#open(String, boolean) Datasets.open(spec, skipBad)} returns a
 * {@link io.vidgan.data.VideoDataset}. The spec is {@code builtin} (the default: procedural videos,
 * {@link io.vidgan.data.builtin.BuiltinDataset}; options such as {@code
 * builtin:videos=512,seed=1,height=128,width=128,frames=64}) or a path: a directory of {@code
 * *.tfrecord} shards, of {@code *.zip} shards (LongVideoGAN), of video files (FFmpeg in-process), of
 * frame folders, or a single file. Bad inputs (truncated records, bad CRCs, undecodable or
 * mixed-size frames, videos shorter than a clip or not decodable, empty folders, unsafe ZIP
 * entries) are a {@link io.vidgan.data.DatasetException} naming the file, or, with {@code skipBad},
 * skipped and counted in {@link io.vidgan.data.VideoDataset#badInputs()}.
 *
 * <h2>Training streams</h2>
 *
 * {@link io.vidgan.data.TrainingData#clips TrainingData.clips(dataset, ClipSpec,
 * ReplicaStream(B, replica, replicas, seed, start))} for {@code lres} stages and {@link
 * io.vidgan.data.TrainingData#windowPairs TrainingData.windowPairs(dataset, WindowPairSpec,
 * ...)} for {@code sres} stages return a {@link io.vidgan.data.BatchStream}: {@code next()} gives a
 * {@link io.vidgan.data.Batch} (float {@code [B, T, H, W, 3]} in {@code [-1, 1]}, labels, and for
 * window pairs the low-res view), built ahead on background threads with bounded memory. Batch
 * {@code i} depends only on {@code (dataset, spec, seed, replica, i)}: resuming at a saved {@code
 * position()} reproduces the stream exactly. Within an epoch the replicas see disjoint videos;
 * each epoch reshuffles.
 *
 * <p>Every clip is resized to the base resolution (shorter side, antialiased bilinear, random
 * crop: DVD-GAN App. B.1), mapped by {@code x / 127.5 - 1}, and reduced by a {@link
 * io.vidgan.data.Downsampling} operator. A window pair's low-res view is that operator applied to
 * its high-res window, and {@link io.vidgan.data.WindowPairSpec#stageBelow} gives the {@code lres}
 * clips with exactly the same distribution.
 *
 * <h2>Tools</h2>
 *
 * {@link io.vidgan.data.PrepareDataset} ({@code bin/prepare-dataset}) converts any source into
 * TFRecord shards; {@link io.vidgan.data.PipelineBench} ({@code bin/bench data}) prints
 * throughput. Video writers for generated samples live in {@link io.vidgan.data.io}.
 */
package io.vidgan.data;
