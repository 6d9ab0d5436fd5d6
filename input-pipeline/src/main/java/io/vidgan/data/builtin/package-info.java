/**
 * The built-in default dataset: procedural videos of textured shapes with momentum, bouncing,
 * occlusion, a panning background and changing light, rendered deterministically at any
 * resolution and length ({@link io.vidgan.data.builtin.BuiltinDataset}).
 */
package io.vidgan.data.builtin;
