/** placeholder */
package io.vidgan.graphs;
