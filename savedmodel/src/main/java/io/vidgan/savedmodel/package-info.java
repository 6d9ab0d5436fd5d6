/**
 * Exported models and long videos: {@link io.vidgan.savedmodel.ModelExporter} writes a first stage
 * and its super-resolution stages as one SavedModel with their configs ({@link
 * io.vidgan.savedmodel.ModelManifest}) and the {@link io.vidgan.savedmodel.SignatureNames
 * signatures}; {@link io.vidgan.savedmodel.ExportedModel} loads one, and {@link
 * io.vidgan.savedmodel.LongVideoGenerator} makes videos of any length from it in constant memory,
 * applying each super-resolution stage to the whole video in chunks with exact halos ({@link
 * io.vidgan.savedmodel.ChunkPlan}). Commands:
 * {@code bin/export-savedmodel} ({@link io.vidgan.savedmodel.ExportSavedModel}) and {@code
 * bin/generate} ({@link io.vidgan.savedmodel.Generate}).
 */
package io.vidgan.savedmodel;
