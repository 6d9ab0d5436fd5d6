package io.vidgan.data;

/**
 * What is known about one video of a dataset without decoding it.
 *
 * @param id a stable identifier (file or record name), used in error messages
 * @param frames number of frames
 * @param height frame height in pixels
 * @param width frame width in pixels
 * @param label class id, or -1 when the dataset is unlabelled
 */
public record VideoInfo(String id, int frames, int height, int width, int label) {}
