/**
 * The model graphs of stage-wise video GANs: generators, the spatial, temporal and matching
 * discriminators, and stage assemblies that wire G, the Ds, the hinge losses, both Adams and the
 * EMA of G. Nothing here knows about devices, files or the command line: replicas place towers
 * on devices, savedmodel exports inference graphs.
 */
package io.vidgan.graphs;
